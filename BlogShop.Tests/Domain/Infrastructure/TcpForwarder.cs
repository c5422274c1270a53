using System.Net;
using System.Net.Sockets;

namespace BlogShop.Tests.Domain.Infrastructure;

/// <summary>
/// A loopback port in front of a real server that a test can take down and bring back: while stopped, connections
/// to the port are refused, exactly as when the server itself is down.
/// </summary>
internal sealed class TcpForwarder : IAsyncDisposable
{
    private readonly string targetHost;
    private readonly int targetPort;
    private TcpListener? listener;
    private CancellationTokenSource? running;
    private Task? accepting;

    public TcpForwarder(string targetHost, int targetPort)
    {
        this.targetHost = targetHost;
        this.targetPort = targetPort;

        // Reserve a free port number, then release it: the forwarder starts "down".
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    public void Start()
    {
        listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Start();
        running = new CancellationTokenSource();
        accepting = AcceptAsync(listener, running.Token);
    }

    public async Task StopAsync()
    {
        if (listener is null)
        {
            return;
        }

        await running!.CancelAsync();
        listener.Stop();
        try
        {
            await accepting!;
        }
        catch (OperationCanceledException)
        {
        }

        running.Dispose();
        listener = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task AcceptAsync(TcpListener server, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await server.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = PipeAsync(client, cancellationToken);
        }
    }

    private async Task PipeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        using (var target = new TcpClient())
        {
            try
            {
                await target.ConnectAsync(targetHost, targetPort, cancellationToken);
                var a = client.GetStream();
                var b = target.GetStream();
                await Task.WhenAny(a.CopyToAsync(b, cancellationToken), b.CopyToAsync(a, cancellationToken));
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
            {
                // A closed connection ends the pipe.
            }
        }
    }
}
