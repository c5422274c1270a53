using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BlogShop.Signals.AspNetCore;

/// <summary>
/// Django's <c>override_settings</c> for tests: sets a configuration value in a running host and sends
/// <c>setting_changed</c> (enter = true); disposing restores the previous value and sends it again (enter = false).
/// </summary>
internal sealed class SettingOverride : IDisposable
{
    private readonly IConfiguration _configuration;
    private readonly WebSignals _signals;
    private readonly ConfigurationChangeWatcher? _watcher;
    private readonly string _key;
    private readonly string? _previous;
    private bool _disposed;

    private SettingOverride(IServiceProvider services, string key, string? value)
    {
        _configuration = services.GetRequiredService<IConfiguration>();
        _signals = services.GetRequiredService<WebSignals>();
        _watcher = services.GetService<WebSignalsStartup>()?.Watcher;
        _key = key;
        _previous = _configuration[key];
        Set(value, enter: true);
    }

    /// <summary>Overrides <paramref name="key"/> until the result is disposed.</summary>
    public static SettingOverride Apply(IServiceProvider services, string key, string? value)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return new SettingOverride(services, key, value);
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            Set(_previous, enter: false);
        }
    }

    private void Set(string? value, bool enter)
    {
        _configuration[_key] = value;
        _watcher?.Acknowledge(_key, value);
        _signals.SettingChanged.Send(_configuration, new SettingChangedArgs(_key, value, enter));
    }
}
