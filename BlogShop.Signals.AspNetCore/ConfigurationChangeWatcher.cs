using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace BlogShop.Signals.AspNetCore;

/// <summary>
/// Sends <c>setting_changed</c> for every key whose value differs after the configuration reloads. It compares
/// against a snapshot, because a reload token says only that something may have changed.
/// </summary>
internal sealed class ConfigurationChangeWatcher : IDisposable
{
    private readonly IConfiguration _configuration;
    private readonly WebSignals _signals;
    private readonly Lock _gate = new();
    private readonly IDisposable _subscription;
    private Dictionary<string, string?> _snapshot;

    public ConfigurationChangeWatcher(IConfiguration configuration, WebSignals signals)
    {
        _configuration = configuration;
        _signals = signals;
        _snapshot = Snapshot(configuration);
        _subscription = ChangeToken.OnChange(configuration.GetReloadToken, OnReload);
    }

    public void Dispose() => _subscription.Dispose();

    /// <summary>Records <paramref name="key"/>'s value as known, so a later reload does not report it again.</summary>
    internal void Acknowledge(string key, string? value)
    {
        lock (_gate)
        {
            _snapshot[key] = value;
        }
    }

    private void OnReload()
    {
        List<SettingChangedArgs> changes = [];
        lock (_gate)
        {
            var current = Snapshot(_configuration);
            foreach (var (key, value) in current)
            {
                if (!_snapshot.TryGetValue(key, out var old) || old != value)
                {
                    changes.Add(new SettingChangedArgs(key, value));
                }
            }

            foreach (var key in _snapshot.Keys)
            {
                if (!current.ContainsKey(key))
                {
                    changes.Add(new SettingChangedArgs(key, null));
                }
            }

            _snapshot = current;
        }

        foreach (var change in changes)
        {
            _signals.SettingChanged.SendRobust(_configuration, change);
        }
    }

    private static Dictionary<string, string?> Snapshot(IConfiguration configuration) =>
        configuration.AsEnumerable().Where(pair => pair.Value is not null).ToDictionary(StringComparer.OrdinalIgnoreCase);
}
