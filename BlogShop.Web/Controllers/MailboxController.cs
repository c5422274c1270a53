using BlogShop.Domain.Email;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace BlogShop.Web.Controllers;

/// <summary>Development only: the mail captured as .eml files when no SMTP server is configured.</summary>
[Route("mailbox")]
public sealed class MailboxController(IOptions<SmtpOptions> smtp, IWebHostEnvironment environment) : Controller
{
    public const int MaxMessages = 100;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment())
        {
            return NotFound();
        }

        var folder = new DirectoryInfo(smtp.Value.PickupDirectory);
        var files = folder.Exists
            ? folder.EnumerateFiles("*.eml").OrderByDescending(f => f.LastWriteTimeUtc).Take(MaxMessages).ToList()
            : [];
        var messages = new List<CapturedMail>(files.Count);
        foreach (var file in files)
        {
            messages.Add(CapturedMail.Parse(file.Name, file.LastWriteTimeUtc, await System.IO.File.ReadAllTextAsync(file.FullName, cancellationToken)));
        }

        ViewData["Folder"] = folder.FullName;
        return View(messages);
    }
}

/// <summary>A captured message: its headers and its raw body as written by SmtpClient's pickup directory.</summary>
public sealed partial record CapturedMail(string File, DateTime WrittenAt, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string Header(string name) => Headers.GetValueOrDefault(name, "");

    public static CapturedMail Parse(string file, DateTime writtenAt, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = text.ReplaceLineEndings("\n");
        var split = normalized.IndexOf("\n\n", StringComparison.Ordinal);
        var head = split < 0 ? normalized : normalized[..split];
        var body = split < 0 ? "" : normalized[(split + 2)..];
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var line in head.Split('\n'))
        {
            if (line.Length > 0 && char.IsWhiteSpace(line[0]) && last is not null)
            {
                headers[last] += " " + line.Trim();
            }
            else if (line.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
            {
                last = line[..colon].Trim();
                headers[last] = line[(colon + 1)..].Trim();
            }
        }

        foreach (var key in headers.Keys.ToList())
        {
            headers[key] = DecodeWords(headers[key]);
        }

        return new CapturedMail(file, writtenAt, headers, DecodeBody(headers.GetValueOrDefault("Content-Transfer-Encoding"), body));
    }

    /// <summary>RFC 2047 encoded words (<c>=?utf-8?B?...?=</c>), as SmtpClient writes non-ASCII subjects.</summary>
    private static string DecodeWords(string value) =>
        EncodedWord().Replace(value, match =>
        {
            var encoding = System.Text.Encoding.GetEncoding(match.Groups[1].Value);
            var text = match.Groups[3].Value;
            return match.Groups[2].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
                ? encoding.GetString(Convert.FromBase64String(text))
                : DecodeQuotedPrintable(text.Replace('_', ' '), encoding);
        }).Replace("?= =?", "", StringComparison.Ordinal);

    private static string DecodeBody(string? transferEncoding, string body) => transferEncoding?.Trim().ToUpperInvariant() switch
    {
        "BASE64" => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Where(c => !char.IsWhiteSpace(c))))),
        "QUOTED-PRINTABLE" => DecodeQuotedPrintable(body.Replace("=\n", "", StringComparison.Ordinal), System.Text.Encoding.UTF8),
        _ => body,
    };

    private static string DecodeQuotedPrintable(string text, System.Text.Encoding encoding)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(encoding.GetBytes(text[i].ToString()));
            }
        }

        return encoding.GetString([.. bytes]);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=")]
    private static partial System.Text.RegularExpressions.Regex EncodedWord();
}
