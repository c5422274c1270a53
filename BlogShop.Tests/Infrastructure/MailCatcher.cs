using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace BlogShop.Tests.Infrastructure;

/// <summary>
/// Reads the mail the SMTP catcher (maildev, started by test.sh) received, through its HTTP API:
/// <c>GET /email</c> lists every message, <c>DELETE /email/all</c> clears them.
/// The catcher is shared by every test running at the same time, so tests should not clear it: they send to
/// addresses of their own (<see cref="UniqueAddress"/>) and wait for the mail addressed to them.
/// </summary>
internal sealed class MailCatcher : IDisposable
{
    private readonly HttpClient http;

    public MailCatcher(string apiBaseUrl)
    {
        http = new HttpClient { BaseAddress = new Uri(apiBaseUrl.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>The catcher announced by BLOGSHOP_TEST_MAIL_API, or null when no catcher is running.</summary>
    public static MailCatcher? FromEnvironment() => TestServers.MailApi is { } api ? new MailCatcher(api) : null;

    /// <summary>SMTP host and port of the catcher (BLOGSHOP_TEST_SMTP), or null when none is running.</summary>
    public static (string Host, int Port)? SmtpEndpoint()
    {
        if (TestServers.Smtp is not { } smtp)
        {
            return null;
        }

        var colon = smtp.LastIndexOf(':');
        return colon > 0 && int.TryParse(smtp.AsSpan(colon + 1), out var port)
            ? (smtp[..colon], port)
            : throw new InvalidOperationException($"BLOGSHOP_TEST_SMTP must be host:port, not '{smtp}'.");
    }

    /// <summary>An address no other test uses, so its mail can be told apart in the shared catcher.</summary>
    public static string UniqueAddress(string name) => $"{name}-{Guid.NewGuid():N}@example.test".ToLowerInvariant();

    public async Task<IReadOnlyList<CaughtMail>> GetAllAsync(CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<List<CaughtMail>>("email", cancellationToken) ?? [];

    /// <summary>Every message with <paramref name="address"/> among its recipients.</summary>
    public async Task<IReadOnlyList<CaughtMail>> GetToAsync(string address, CancellationToken cancellationToken = default) =>
        [.. (await GetAllAsync(cancellationToken)).Where(m => m.IsTo(address))];

    /// <summary>
    /// Waits until a message to <paramref name="address"/> matching <paramref name="match"/> arrives (mail may be sent
    /// after the response, e.g. after commit). Throws <see cref="TimeoutException"/> listing what did arrive.
    /// </summary>
    public async Task<CaughtMail> WaitForAsync(string address, Func<CaughtMail, bool>? match = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        IReadOnlyList<CaughtMail> received = [];
        while (DateTime.UtcNow < deadline)
        {
            received = await GetToAsync(address, cancellationToken);
            if (received.FirstOrDefault(m => match is null || match(m)) is { } found)
            {
                return found;
            }

            await Task.Delay(200, cancellationToken);
        }

        var seen = received.Count == 0 ? "none" : string.Join("; ", received.Select(m => $"'{m.Subject}'"));
        throw new TimeoutException($"No matching mail to {address} arrived at the SMTP catcher. Mail to that address: {seen}.");
    }

    /// <summary>Deletes every caught message. Only for tests that run alone (see the class remarks).</summary>
    public async Task ClearAsync(CancellationToken cancellationToken = default)
    {
        using var response = await http.DeleteAsync("email/all", cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => http.Dispose();
}

/// <summary>One message as maildev decoded it.</summary>
internal sealed record CaughtMail(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("subject")] string? Subject,
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("html")] string? Html,
    [property: JsonPropertyName("from")] IReadOnlyList<CaughtMailAddress>? From,
    [property: JsonPropertyName("to")] IReadOnlyList<CaughtMailAddress>? To)
{
    public bool IsTo(string address) => To?.Any(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase)) == true;
}

/// <summary>A sender or recipient as maildev reports it.</summary>
internal sealed record CaughtMailAddress(
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("name")] string? Name);
