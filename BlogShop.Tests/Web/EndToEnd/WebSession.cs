using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace BlogShop.Tests.Web.EndToEnd;

/// <summary>
/// One browser: its cookies (the HttpClient's cookie container) and forms submitted as a browser does, with the
/// antiforgery token read from the page that holds the form.
/// </summary>
public sealed partial class WebSession(HttpClient client) : IDisposable
{
    /// <summary>The password every test user registers with (long enough for the site's password rule).</summary>
    public const string Password = "Passw0rd-42";

    public HttpClient Client { get; } = client;

    public static readonly byte[] PngBytes = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    public async Task<string> GetPageAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return body;
    }

    /// <summary>Loads <paramref name="formPage"/>, takes its antiforgery token and posts the fields to <paramref name="action"/>.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string formPage, string action, IEnumerable<KeyValuePair<string, string>> fields, params Upload[] files)
    {
        var token = await TokenAsync(formPage);
        return await PostAsync(action, [.. fields, new("__RequestVerificationToken", token)], files);
    }

    /// <summary>The antiforgery token of the form on <paramref name="formPage"/> (to post it later, e.g. at the same moment as another session).</summary>
    public async Task<string> TokenAsync(string formPage)
    {
        var page = await GetPageAsync(formPage);
        return TokenPattern().Match(page) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"{formPage} has no antiforgery token.");
    }

    public async Task<HttpResponseMessage> PostAsync(string action, IEnumerable<KeyValuePair<string, string>> fields, params Upload[] files)
    {
        HttpContent content;
        if (files.Length == 0)
        {
            content = new FormUrlEncodedContent(fields);
        }
        else
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (name, value) in fields)
            {
                multipart.Add(new StringContent(value), name);
            }

            foreach (var file in files)
            {
                var part = new ByteArrayContent(file.Bytes);
                part.Headers.ContentType = new MediaTypeHeaderValue(file.ContentType);
                multipart.Add(part, file.Field, file.FileName);
            }

            content = multipart;
        }

        using (content)
        {
            return await Client.PostAsync(new Uri(action, UriKind.Relative), content);
        }
    }

    /// <summary>Registers and stays logged in; returns the user name.</summary>
    public async Task<string> RegisterAsync(string userName, string firstName = "Ada", string lastName = "Lovelace")
    {
        using var response = await SubmitAsync("/account/register", "/account/register", Fields(
            ("FirstName", firstName), ("LastName", lastName), ("UserName", userName), ("Email", $"{userName}@example.com"),
            ("Password", WebSession.Password), ("ConfirmPassword", WebSession.Password)));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Registering {userName} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return userName;
    }

    /// <summary>Publishes an article and returns its slug (from the redirect to it).</summary>
    public async Task<string> WriteArticleAsync(string title, string body = "Some words about signals.", string tags = "")
    {
        using var response = await SubmitAsync("/articles/new", "/articles/new", Fields(("Title", title), ("Body", body), ("Tags", tags)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString.Split('/', StringSplitOptions.RemoveEmptyEntries)[^1];
    }

    /// <summary>Reacts to an article with <paramref name="kind"/> (a kind's name) from the article's page.</summary>
    public async Task ReactAsync(string slug, string kind)
    {
        using var response = await SubmitAsync($"/articles/{slug}", $"/articles/{slug}/reactions", Fields(("kind", kind)));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Reacting {kind} answered {(int)response.StatusCode}");
    }

    /// <summary>Adds a book (optionally with a cover) and returns its id.</summary>
    public async Task<int> AddBookAsync(string title, Upload? cover = null)
    {
        using var response = await SubmitAsync("/books/new", "/books/new", Fields(("Title", title)), cover is null ? [] : [cover]);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Adding a book answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return int.Parse(response.Headers.Location!.OriginalString.Split('/', StringSplitOptions.RemoveEmptyEntries)[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    public static KeyValuePair<string, string>[] Fields(params (string Name, string Value)[] fields) =>
        [.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))];

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

/// <summary>A file field of a multipart form.</summary>
public sealed record Upload(string Field, string FileName, string ContentType, byte[] Bytes);
