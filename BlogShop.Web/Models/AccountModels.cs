using System.ComponentModel.DataAnnotations;

namespace BlogShop.Web.Models;

public sealed class RegisterModel
{
    [Required, StringLength(100), Display(Name = "First name")]
    public string FirstName { get; set; } = "";

    [Required, StringLength(100), Display(Name = "Last name")]
    public string LastName { get; set; } = "";

    [Required, StringLength(50, MinimumLength = 3), RegularExpression("^[A-Za-z0-9._-]+$", ErrorMessage = "Use letters, digits, '.', '_' or '-'."), Display(Name = "Username")]
    public string UserName { get; set; } = "";

    [Required, DeliverableEmail, StringLength(254)]
    public string Email { get; set; } = "";

    [Required, DataType(DataType.Password), StringLength(100, MinimumLength = Security.PasswordRules.MinimumLength, ErrorMessage = "Use at least {2} characters (at most {1}).")]
    public string Password { get; set; } = "";

    [Required, DataType(DataType.Password), Compare(nameof(Password), ErrorMessage = "The passwords do not match."), Display(Name = "Password again")]
    public string ConfirmPassword { get; set; } = "";
}

public sealed class LoginModel
{
    [Required, Display(Name = "Username or email")]
    public string UserName { get; set; } = "";

    [Required, DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [Display(Name = "Remember me")]
    public bool RememberMe { get; set; }

    public string? ReturnUrl { get; set; }
}
