using System.ComponentModel.DataAnnotations;
using BlogShop.Domain.Email;

namespace BlogShop.Web.Models;

/// <summary>A form field holding one bare email address the site can deliver to (see <see cref="EmailAddresses"/>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DeliverableEmailAttribute : ValidationAttribute
{
    public const string Message = "Enter one plain email address, like name@example.org.";

    public DeliverableEmailAttribute()
        : base(Message)
    {
    }

    /// <summary>Empty passes (that is [Required]'s job); surrounding spaces are ignored, as the controllers trim them.</summary>
    public override bool IsValid(object? value) =>
        value is not string text || text.Length == 0 || EmailAddresses.IsDeliverable(text.Trim());
}
