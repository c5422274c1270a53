using System.Net.Mail;

namespace BlogShop.Tests.Infrastructure;

public sealed class MailCatcherTests
{
    [SmtpFact]
    public async Task A_message_sent_over_smtp_is_read_back_with_its_recipient_subject_and_body()
    {
        var (host, port) = MailCatcher.SmtpEndpoint()!.Value;
        using var catcher = MailCatcher.FromEnvironment()!;
        var to = MailCatcher.UniqueAddress("catcher");

        using (var smtp = new SmtpClient(host, port))
        using (var message = new MailMessage("noreply@blogshop.test", to, "Héllo from the test", "First line\nSecond line é"))
        {
            await smtp.SendMailAsync(message);
        }

        var mail = await catcher.WaitForAsync(to);
        Assert.Equal("Héllo from the test", mail.Subject);
        Assert.Contains("Second line é", mail.Text, StringComparison.Ordinal);
        Assert.Equal("noreply@blogshop.test", Assert.Single(mail.From!).Address);
    }

    [SmtpFact]
    public async Task Waiting_for_mail_that_never_comes_times_out_naming_the_address()
    {
        using var catcher = MailCatcher.FromEnvironment()!;
        var to = MailCatcher.UniqueAddress("nobody");

        var error = await Assert.ThrowsAsync<TimeoutException>(() => catcher.WaitForAsync(to, timeout: TimeSpan.FromMilliseconds(300)));

        Assert.Contains(to, error.Message, StringComparison.Ordinal);
    }
}
