using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BlogShop.Signals.AspNetCore;

/// <summary>
/// Connects the host's framework events to <see cref="WebSignals"/> while the host runs: configuration reloads
/// (<c>setting_changed</c>) and MVC's view diagnostics (<c>template_rendered</c>). Both sources are the host's own
/// instances, so nothing is shared between two hosts in one process.
/// </summary>
internal sealed class WebSignalsStartup(IServiceProvider services) : IHostedService, IDisposable
{
    private IDisposable? _viewSubscription;

    /// <summary>The configuration watcher; null before the host starts or when the host has no configuration.</summary>
    public ConfigurationChangeWatcher? Watcher { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var signals = services.GetRequiredService<WebSignals>();
        if (services.GetService<IConfiguration>() is { } configuration)
        {
            Watcher ??= new ConfigurationChangeWatcher(configuration, signals);
        }

        if (services.GetService<DiagnosticListener>() is { } listener)
        {
            var observer = new TemplateRenderedObserver(signals);
            _viewSubscription ??= listener.Subscribe(observer, observer.IsEnabled);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _viewSubscription?.Dispose();
        _viewSubscription = null;
        Watcher?.Dispose();
        Watcher = null;
    }
}
