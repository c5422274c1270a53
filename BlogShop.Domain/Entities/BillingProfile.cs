namespace BlogShop.Domain.Entities;

/// <summary>One per user (1:1, deleted with the user): picture, bio and billing address.</summary>
public class BillingProfile
{
    public const string DefaultBio = "This is my bio.";

    /// <summary>The media path of the picture every new profile starts with (written at startup, never deleted).</summary>
    public const string DefaultImage = "defaults/profile.png";

    public int Id { get; set; }

    public string UserId { get; set; } = "";

    public ApplicationUser? User { get; set; }

    /// <summary>Path of the picture inside the media folder (see <see cref="Media.IMediaStorage"/>).</summary>
    public string ProfileImage { get; set; } = DefaultImage;

    public string Bio { get; set; } = DefaultBio;

    public string AddressLine1 { get; set; } = "";

    public string AddressLine2 { get; set; } = "";

    public string City { get; set; } = "";

    public string PostalCode { get; set; } = "";

    public string Country { get; set; } = "";
}
