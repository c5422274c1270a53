using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace BlogShop.Tests.Infrastructure;

/// <summary>A client for maildev's HTTP API (<c>GET /email</c>, <c>DELETE /email/all</c>).</summary>
internal sealed class MailCatcher(Uri baseAddress) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>The catcher test.sh starts (BLOGSHOP_TEST_MAIL_API), or an exception naming the missing variable.</summary>
    public static MailCatcher FromEnvironment() =>
        new(new Uri(TestServers.MailApi ?? throw new InvalidOperationException("BLOGSHOP_TEST_MAIL_API is not set.")));

    /// <summary>The SMTP host and port of the catcher (BLOGSHOP_TEST_SMTP, <c>host:port</c>).</summary>
    public static (string Host, int Port) SmtpEndpoint()
    {
        var value = TestServers.Smtp ?? throw new InvalidOperationException("BLOGSHOP_TEST_SMTP is not set.");
        var colon = value.LastIndexOf(':');
        return (value[..colon], int.Parse(value[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task<IReadOnlyList<CaughtEmail>> GetAllAsync(CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<List<CaughtEmail>>("email", cancellationToken) ?? [];

    public async Task ClearAsync(CancellationToken cancellationToken = default)
    {
        using var response = await http.DeleteAsync(new Uri("email/all", UriKind.Relative), cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The mails sent to <paramref name="recipient"/>.</summary>
    public async Task<IReadOnlyList<CaughtEmail>> ForAsync(string recipient, CancellationToken cancellationToken = default) =>
        (await GetAllAsync(cancellationToken))
            .Where(m => m.To.Any(t => string.Equals(t.Address, recipient, StringComparison.OrdinalIgnoreCase)))
            .ToList();

    /// <summary>Polls until <paramref name="condition"/> holds for the mails to <paramref name="recipient"/>, or fails after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<CaughtEmail>> WaitForAsync(
        string recipient, Func<IReadOnlyList<CaughtEmail>, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var mails = await ForAsync(recipient);
            if (condition(mails))
            {
                return mails;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"After {timeout}, the catcher holds {mails.Count} mail(s) for {recipient}, which does not meet the condition.");
            }

            await Task.Delay(100);
        }
    }

    public void Dispose() => http.Dispose();
}

internal sealed record CaughtEmail(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("html")] string? Html,
    [property: JsonPropertyName("to")] IReadOnlyList<CaughtAddress> To);

internal sealed record CaughtAddress(
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("name")] string? Name);
