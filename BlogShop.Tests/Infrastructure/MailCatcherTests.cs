using System.Net.Mail;

namespace BlogShop.Tests.Infrastructure;

public sealed class MailCatcherTests
{
    [SmtpFact]
    public async Task A_message_sent_over_smtp_is_read_back_with_its_recipient_subject_and_body()
    {
        var (host, port) = MailCatcher.SmtpEndpoint();
        using var catcher = MailCatcher.FromEnvironment();
        var to = $"catcher-{Guid.NewGuid():N}@example.test";

        using (var smtp = new SmtpClient(host, port))
        using (var message = new MailMessage("noreply@blogshop.test", to, "Héllo from the test", "First line\nSecond line é"))
        {
            await smtp.SendMailAsync(message);
        }

        var mail = Assert.Single(await catcher.WaitForAsync(to, mails => mails.Count > 0, TimeSpan.FromSeconds(10)));
        Assert.Equal("Héllo from the test", mail.Subject);
        Assert.Contains("Second line é", mail.Text, StringComparison.Ordinal);
    }
}
