using System.ComponentModel.DataAnnotations;
using BlogShop.Domain.Entities;

namespace BlogShop.Web.Models;

public sealed record ProfileViewModel(ApplicationUser User, BillingProfile Profile);

public sealed class ProfileEditModel
{
    [Required, StringLength(100), Display(Name = "First name")]
    public string FirstName { get; set; } = "";

    [Required, StringLength(100), Display(Name = "Last name")]
    public string LastName { get; set; } = "";

    [Required, DeliverableEmail, StringLength(254)]
    public string Email { get; set; } = "";

    [DisplayFormat(ConvertEmptyStringToNull = false)]
    [StringLength(2000)]
    public string Bio { get; set; } = "";

    [DisplayFormat(ConvertEmptyStringToNull = false)]
    [StringLength(200), Display(Name = "Address")]
    public string AddressLine1 { get; set; } = "";

    [DisplayFormat(ConvertEmptyStringToNull = false)]
    [StringLength(200), Display(Name = "Address (line 2)")]
    public string AddressLine2 { get; set; } = "";

    [DisplayFormat(ConvertEmptyStringToNull = false)]
    [StringLength(100)]
    public string City { get; set; } = "";

    [DisplayFormat(ConvertEmptyStringToNull = false)]
    [StringLength(20), Display(Name = "Postal code")]
    public string PostalCode { get; set; } = "";

    [DisplayFormat(ConvertEmptyStringToNull = false)]
    [StringLength(100)]
    public string Country { get; set; } = "";

    /// <summary>A new picture; none keeps the current one.</summary>
    public IFormFile? Picture { get; set; }

    /// <summary>The current picture's media path, for the preview.</summary>
    public string? CurrentPicture { get; set; }
}
