using System.ComponentModel.DataAnnotations;

namespace BlogShop.Web.Models;

public sealed class BookEditModel
{
    public int? Id { get; set; }

    /// <summary>Left empty, the book is saved as "Untitled".</summary>
    [StringLength(200)]
    public string? Title { get; set; }

    /// <summary>The book's summary (its 1:1 <c>Summary</c> row); empty is allowed.</summary>
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    [StringLength(5000)]
    public string Summary { get; set; } = "";

    /// <summary>A new cover; none keeps the current one.</summary>
    public IFormFile? Cover { get; set; }

    public string? CurrentCover { get; set; }
}
