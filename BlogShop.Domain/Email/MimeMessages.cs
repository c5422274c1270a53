using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace BlogShop.Domain.Email;

/// <summary>Builds the MIME message of an <see cref="EmailMessage"/>: a text part and an HTML part made from it.</summary>
internal static partial class MimeMessages
{
    /// <summary>
    /// The message from <paramref name="from"/>. Throws <see cref="EmailDeliveryException"/> (permanent) when the
    /// recipient is not one deliverable address; a <paramref name="from"/> that does not parse is a configuration
    /// error (<see cref="ParseException"/>).
    /// </summary>
    public static MimeMessage Create(string from, EmailMessage email)
    {
        if (!EmailAddresses.IsDeliverable(email.To))
        {
            throw new EmailDeliveryException($"'{email.To}' is not a deliverable email address.", isPermanent: true);
        }

        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(EmailAddresses.Strict, email.To));
        message.Subject = EmailText.Subject(email.Subject);
        message.Body = new BodyBuilder { TextBody = email.Body, HtmlBody = Html(email.Subject, email.Body) }.ToMessageBody();
        return message;
    }

    /// <summary>
    /// The HTML part: the text's paragraphs (blank-line separated), HTML-encoded, line breaks kept, absolute http(s)
    /// links made clickable.
    /// </summary>
    internal static string Html(string subject, string text)
    {
        var html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(EmailText.Subject(subject)))
            .Append("</title></head><body style=\"font-family:sans-serif;line-height:1.5\">");
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            html.Append("<p>");
            var last = 0;
            foreach (Match link in Link().Matches(paragraph))
            {
                html.Append(Encode(paragraph[last..link.Index]));
                var url = WebUtility.HtmlEncode(link.Value);
                html.Append("<a href=\"").Append(url).Append("\">").Append(url).Append("</a>");
                last = link.Index + link.Length;
            }

            html.Append(Encode(paragraph[last..])).Append("</p>");
        }

        return html.Append("</body></html>").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text).Replace("\n", "<br>", StringComparison.Ordinal);

    [GeneratedRegex(@"https?://[^\s<>""]+[^\s<>"".,;:!?)]")]
    private static partial Regex Link();
}

/// <summary>Text rules shared by the outbox and the senders.</summary>
public static class EmailText
{
    /// <summary>The longest subject stored (the column's length).</summary>
    public const int MaxSubjectLength = 300;

    /// <summary>
    /// A subject that is one header line: line breaks and other control characters become spaces, runs of spaces
    /// collapse, cut to <see cref="MaxSubjectLength"/>. An article title with a line break cannot break a mail.
    /// </summary>
    public static string Subject(string? subject)
    {
        var builder = new StringBuilder(subject?.Length ?? 0);
        foreach (var c in subject ?? "")
        {
            var ch = char.IsControl(c) || char.IsWhiteSpace(c) ? ' ' : c;
            if (ch != ' ' || (builder.Length > 0 && builder[^1] != ' '))
            {
                builder.Append(ch);
            }
        }

        var clean = builder.ToString().Trim();
        return clean.Length <= MaxSubjectLength ? clean : clean[..MaxSubjectLength].TrimEnd();
    }
}
