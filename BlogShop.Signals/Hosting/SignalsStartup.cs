using Microsoft.Extensions.Hosting;

namespace BlogShop.Signals.Hosting;

/// <summary>Creates the hub when the host starts, so a receiver declared wrongly fails the start, not a later send.</summary>
internal sealed class SignalsStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetService(typeof(SignalHub));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
