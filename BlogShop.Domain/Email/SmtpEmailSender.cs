using MailKit;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace BlogShop.Domain.Email;

/// <summary>
/// Sends through an SMTP server with MailKit: one connection per session (TLS as <see cref="SmtpOptions.Security"/>
/// says, authenticated when <see cref="SmtpOptions.UserName"/> is set), every step bounded by
/// <see cref="SmtpOptions.Timeout"/>.
/// </summary>
internal sealed class SmtpEmailSender(IOptions<SmtpOptions> options) : IEmailSender
{
    public async Task<IEmailSession> OpenAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var host = settings.Host ?? throw new InvalidOperationException("Smtp:Host is not set.");
        var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        try
        {
            await Bounded(settings, async token =>
            {
                await client.ConnectAsync(host, settings.Port, settings.Security, token).ConfigureAwait(false);
                if (!string.IsNullOrEmpty(settings.UserName))
                {
                    await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", token).ConfigureAwait(false);
                }
            }, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        return new Session(client, settings);
    }

    /// <summary>
    /// Runs one SMTP step with the configured timeout as a deadline (MailKit's own timeout covers each read, not a
    /// server that trickles): past it, a <see cref="TimeoutException"/>.
    /// </summary>
    private static async Task Bounded(SmtpOptions settings, Func<CancellationToken, Task> step, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.Timeout);
        try
        {
            await step(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The SMTP server {settings.Host}:{settings.Port} timed out (no answer within {settings.Timeout}).", ex);
        }
    }

    private sealed class Session(SmtpClient client, SmtpOptions settings) : IEmailSession
    {
        public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(message);
            using var mime = MimeMessages.Create(settings.From, message);
            try
            {
                await Bounded(settings, token => client.SendAsync(mime, token), cancellationToken).ConfigureAwait(false);
            }
            catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500 && ex.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted)
            {
                await ResetAsync(cancellationToken).ConfigureAwait(false);
                throw new EmailDeliveryException($"The SMTP server refused the message for good: {(int)ex.StatusCode} {ex.Message}", isPermanent: true, ex);
            }
            catch (SmtpCommandException)
            {
                await ResetAsync(cancellationToken).ConfigureAwait(false);
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    using var quit = new CancellationTokenSource(settings.Timeout);
                    await client.DisconnectAsync(quit: true, quit.Token).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ProtocolException or SmtpCommandException)
            {
                // The messages are delivered (or recorded as failed) already: a server that drops QUIT changes nothing.
            }
            finally
            {
                client.Dispose();
            }
        }

        /// <summary>Ends the refused transaction so the connection can carry the next message.</summary>
        private async Task ResetAsync(CancellationToken cancellationToken)
        {
            try
            {
                await client.NoOpAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or ProtocolException or SmtpCommandException)
            {
                await client.DisconnectAsync(quit: false, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }
}

/// <summary>
/// Writes each message as an .eml file (MimeKit) into <see cref="SmtpOptions.PickupDirectory"/> instead of sending it:
/// the Development default when no SMTP host is configured, readable in the site's mailbox page.
/// </summary>
internal sealed class PickupDirectoryEmailSender(IOptions<SmtpOptions> options, TimeProvider time) : IEmailSender
{
    public Task<IEmailSession> OpenAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        Directory.CreateDirectory(settings.PickupDirectory);
        return Task.FromResult<IEmailSession>(new Session(settings, time));
    }

    private sealed class Session(SmtpOptions settings, TimeProvider time) : IEmailSession
    {
        public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(message);
            using var mime = MimeMessages.Create(settings.From, message);
            mime.Date = time.GetUtcNow();
            var file = Path.Combine(settings.PickupDirectory, $"{time.GetUtcNow():yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml");

            // Written under another name, then renamed: a reader of *.eml never sees half a message.
            var partial = file + ".partial";
            await mime.WriteToAsync(FormatOptions.Default, partial, cancellationToken).ConfigureAwait(false);
            File.Move(partial, file);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
