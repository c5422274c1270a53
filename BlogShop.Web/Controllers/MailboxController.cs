using BlogShop.Domain.Email;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using MimeKit;

namespace BlogShop.Web.Controllers;

/// <summary>Development only: the mail captured as .eml files when no SMTP server is configured, read with MimeKit.</summary>
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
            messages.Add(await CapturedMail.LoadAsync(file, cancellationToken));
        }

        ViewData["Folder"] = folder.FullName;
        return View(messages);
    }
}

/// <summary>A captured message as the mailbox page shows it; a file MimeKit cannot read is listed with the reason.</summary>
public sealed record CapturedMail(string File, DateTime WrittenAt, string From, string To, string Subject, string Text, bool HasHtml)
{
    public static async Task<CapturedMail> LoadAsync(FileInfo file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        try
        {
            using var message = await MimeMessage.LoadAsync(file.FullName, cancellationToken);
            return new CapturedMail(file.Name, file.LastWriteTimeUtc, message.From.ToString(), message.To.ToString(), message.Subject ?? "",
                message.TextBody ?? "", message.HtmlBody is not null);
        }
        catch (FormatException ex)
        {
            return new CapturedMail(file.Name, file.LastWriteTimeUtc, "", "", "(unreadable message)", ex.Message, false);
        }
    }
}
