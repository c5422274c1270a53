using System.ComponentModel.DataAnnotations;
using BlogShop.Domain.Entities;

namespace BlogShop.Web.Models;

/// <summary>The product page: the product, and the purchase form (with billing fields when the profile lacks them).</summary>
public sealed record ProductPageModel(Product Product, PurchaseModel Purchase, bool SignedIn, bool IsStaff, string? BilledTo);

/// <summary>
/// The purchase form. The name and address fields are shown, and required, only when the buyer's profile lacks one of
/// them (<see cref="AskBilling"/>); what is entered is saved to the profile with the order.
/// </summary>
public sealed class PurchaseModel
{
    [Range(1, 100, ErrorMessage = "Choose between 1 and 100.")]
    public int Quantity { get; set; } = 1;

    public bool AskBilling { get; set; }

    [DisplayFormat(ConvertEmptyStringToNull = false)]
    [StringLength(100), Display(Name = "First name")]
    public string FirstName { get; set; } = "";

    [DisplayFormat(ConvertEmptyStringToNull = false)]
    [StringLength(100), Display(Name = "Last name")]
    public string LastName { get; set; } = "";

    [DisplayFormat(ConvertEmptyStringToNull = false)]
    [StringLength(200), Display(Name = "Address")]
    public string AddressLine1 { get; set; } = "";

    [DisplayFormat(ConvertEmptyStringToNull = false)]
    [StringLength(200), Display(Name = "Address line 2 (optional)")]
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
}

/// <summary>The staff form for adding or editing a product.</summary>
public sealed class ProductEditModel
{
    public int? Id { get; set; }

    [Required, StringLength(200)]
    public string Name { get; set; } = "";

    [DisplayFormat(ConvertEmptyStringToNull = false)]
    [StringLength(4000)]
    public string Description { get; set; } = "";

    [Required, Range(typeof(decimal), "0", "99999999.99", ErrorMessage = "The price must be between 0 and 99999999.99."), Display(Name = "Price (€)")]
    public decimal? Price { get; set; }

    [Required, Range(0, 1_000_000, ErrorMessage = "The stock must be between 0 and 1000000.")]
    public int? Stock { get; set; }

    /// <summary>The stock the form was filled from: a sale in the meantime makes the save ask again.</summary>
    public int? OriginalStock { get; set; }

    /// <summary>A new picture; none keeps the current one.</summary>
    public IFormFile? Picture { get; set; }

    public string? CurrentPicture { get; set; }
}
