using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BlogShop.Tests.Infrastructure;

/// <summary>
/// A loopback SMTP server that speaks just enough of the protocol to refuse: every RCPT TO is answered with
/// the reply given to the constructor (e.g. <c>550 5.1.1 No such user</c>), so a real MailKit client meets a real refusal.
/// The catcher (maildev) accepts every recipient and cannot play this part.
/// </summary>
internal sealed class RefusingSmtpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;
    private readonly string rcptReply;
    private int connections;

    public RefusingSmtpServer(string rcptReply)
    {
        this.rcptReply = rcptReply;
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>How many SMTP connections clients opened.</summary>
    public int Connections => Volatile.Read(ref connections);

    private async Task AcceptAsync()
    {
        var sessions = new List<Task>();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                Interlocked.Increment(ref connections);
                sessions.Add(ServeAsync(client));
            }
        }
        catch (OperationCanceledException)
        {
        }

        await Task.WhenAll(sessions);
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            try
            {
                await writer.WriteLineAsync("220 refusing.test ESMTP");
                while (await reader.ReadLineAsync(stop.Token) is { } line)
                {
                    var verb = line.Split(' ', ':')[0].ToUpperInvariant();
                    await writer.WriteLineAsync(verb switch
                    {
                        "EHLO" or "HELO" => "250 refusing.test",
                        "RCPT" => rcptReply,
                        "QUIT" => "221 bye",
                        _ => "250 OK",
                    });
                    if (verb == "QUIT")
                    {
                        return;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException)
            {
                // The client went away, or the test ended.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await accepting;
        stop.Dispose();
    }
}
