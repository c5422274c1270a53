using System.Collections.Concurrent;
using BlogShop.Signals;
using BlogShop.Signals.AspNetCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BlogShop.Tests.Web.Signals;

public class SettingChangedTests
{
    [Fact]
    public async Task A_configuration_reload_sends_setting_changed_for_each_changed_key_only()
    {
        var source = new ReloadableSource();
        await using var app = await SignalsTestHost.StartAsync(services =>
            services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Add(source).Build()));
        var changes = new ConcurrentQueue<SettingChangedArgs>();
        app.Services.GetRequiredService<WebSignals>().SettingChanged.Connect((_, e) => changes.Enqueue(e));

        source.Change(("Media:Root", "/srv/media"), ("Smtp:Host", "mail"));
        source.Change(("Media:Root", "/srv/media"), ("Smtp:Host", "mail2"));

        Assert.Equal(
            [new SettingChangedArgs("Media:Root", "/srv/media"), new SettingChangedArgs("Smtp:Host", "mail"), new SettingChangedArgs("Smtp:Host", "mail2")],
            changes.OrderBy(c => c.Value, StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_stopped_host_sends_no_setting_changed()
    {
        var source = new ReloadableSource();
        var app = await SignalsTestHost.StartAsync(services =>
            services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Add(source).Build()));
        var changes = new ConcurrentQueue<SettingChangedArgs>();
        app.Services.GetRequiredService<WebSignals>().SettingChanged.Connect((_, e) => changes.Enqueue(e));
        await app.StopAsync();

        source.Change(("Media:Root", "/srv/media"));
        await app.DisposeAsync();

        Assert.Empty(changes);
    }

    [Fact]
    public async Task Overriding_a_setting_sends_enter_then_restores_the_value_and_sends_exit()
    {
        await using var app = await SignalsTestHost.StartAsync();
        var configuration = app.Services.GetRequiredService<IConfiguration>();
        configuration["Media:Root"] = "original";
        var changes = new ConcurrentQueue<SettingChangedArgs>();
        app.Services.GetRequiredService<WebSignals>().SettingChanged.Connect((_, e) => changes.Enqueue(e));

        using (SettingOverride.Apply(app.Services, "Media:Root", "overridden"))
        {
            Assert.Equal("overridden", configuration["Media:Root"]);
        }

        Assert.Equal("original", configuration["Media:Root"]);
        Assert.Equal(
            [new SettingChangedArgs("Media:Root", "overridden", Enter: true), new SettingChangedArgs("Media:Root", "original", Enter: false)],
            changes);
    }

    /// <summary>A configuration source a test can change and reload, as a reloading JSON file would.</summary>
    private sealed class ReloadableSource : ConfigurationProvider, IConfigurationSource
    {
        public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

        public void Change(params (string Key, string Value)[] values)
        {
            foreach (var (key, value) in values)
            {
                Data[key] = value;
            }

            OnReload();
        }
    }
}
