namespace BlogShop.Domain;

/// <summary>The <c>Site</c> section: what the site knows about its own public address.</summary>
public sealed class SiteOptions
{
    /// <summary>
    /// The public base URL (scheme, host, optional path), from which mails build absolute links: a mail is read
    /// outside the site, where a relative link leads nowhere. Must be an absolute http or https URL (checked at startup).
    /// </summary>
    public Uri BaseUrl { get; set; } = new("http://localhost:5131/");

    /// <summary>The absolute URL of a site-relative <paramref name="path"/> such as <see cref="Links.Article"/> gives.</summary>
    public string Absolute(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var root = BaseUrl.AbsoluteUri.TrimEnd('/');
        return root + "/" + path.TrimStart('/');
    }
}
