using System.Collections.Concurrent;
using BlogShop.Signals;
using BlogShop.Signals.AspNetCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlogShop.Tests.Web.Signals;

public class SignalObserverTests
{
    [Fact]
    public async Task An_observer_sees_every_send_with_its_receivers_in_order()
    {
        await using var provider = Build(out var observer);
        var signal = provider.GetRequiredService<WebSignals>().SettingChanged;
        signal.Connect((_, _) => "first");
        signal.Connect((_, _) => "second");

        signal.Send(this, new SettingChangedArgs("A", "1"));
        await signal.SendAsync(this, new SettingChangedArgs("B", "2"));

        Assert.Equal(2, observer.Sent.Count);
        Assert.All(observer.Sent, s => Assert.Equal(["first", "second"], s.Responses.Select(r => r.Response)));
        Assert.Equal(["A", "B"], observer.Sent.Select(s => ((SettingChangedArgs)s.Args!).Setting));
        Assert.All(observer.Sent, s => Assert.Same(this, s.Sender));
    }

    [Fact]
    public async Task An_observer_gets_when_each_send_began_so_a_send_inside_a_receiver_of_another_lies_within_it()
    {
        await using var provider = Build(out var observer);
        var signals = provider.GetRequiredService<WebSignals>();
        signals.SettingChanged.Connect(async (_, _, ct) =>
        {
            await Task.Yield();
            await signals.TemplateRendered.SendAsync(null, null!, ct);
        });
        var before = System.Diagnostics.Stopwatch.GetTimestamp();

        await signals.SettingChanged.SendAsync(null, new SettingChangedArgs("A", "1"));

        var after = System.Diagnostics.Stopwatch.GetTimestamp();
        var (inner, outer) = (observer.Sent.ElementAt(0), observer.Sent.ElementAt(1));
        Assert.Equal(("template_rendered", "setting_changed"), (inner.Signal.Name, outer.Signal.Name));
        Assert.InRange(outer.StartTimestamp, before, inner.StartTimestamp);
        Assert.True(End(inner) <= End(outer) && End(outer) <= after);

        static long End(SignalSent sent) => sent.StartTimestamp + (long)(sent.Elapsed.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
    }

    [Fact]
    public void An_observer_sees_a_send_with_no_receivers()
    {
        using var provider = Build(out var observer);
        var signal = provider.GetRequiredService<WebSignals>().TemplateRendered;

        signal.Send(null, null!);

        var sent = Assert.Single(observer.Sent);
        Assert.Same(signal, sent.Signal);
        Assert.Empty(sent.Responses);
    }

    [Fact]
    public async Task An_observer_sees_the_receiver_that_failed_a_send_last_and_the_exception_still_reaches_the_caller()
    {
        await using var provider = Build(out var observer);
        var signal = provider.GetRequiredService<WebSignals>().SettingChanged;
        signal.Connect((_, _) => "ok");
        signal.Connect((_, _) => throw new InvalidOperationException("broken"));
        signal.Connect((_, _) => "never");

        await Assert.ThrowsAsync<InvalidOperationException>(() => signal.SendAsync(null, new SettingChangedArgs("A", "1")).AsTask());
        Assert.Throws<InvalidOperationException>(() => signal.Send(null, new SettingChangedArgs("A", "1")));

        Assert.Equal(2, observer.Sent.Count);
        Assert.All(observer.Sent, s =>
        {
            Assert.Equal(2, s.Responses.Count);
            Assert.False(s.Responses[0].Failed);
            Assert.Equal("broken", s.Responses[1].Error?.Message);
        });
    }

    [Fact]
    public void A_throwing_observer_does_not_change_the_send()
    {
        var services = new ServiceCollection().AddSignals(s => s.AddWebSignals());
        services.AddSingleton<ISignalObserver, ThrowingObserver>();
        using var provider = services.BuildServiceProvider();
        var signal = provider.GetRequiredService<WebSignals>().SettingChanged;
        signal.Connect((_, _) => "ok");

        var responses = signal.Send(null, new SettingChangedArgs("A", "1"));

        Assert.Equal("ok", Assert.Single(responses).Response);
    }

    private static ServiceProvider Build(out RecordingObserver observer)
    {
        var recording = new RecordingObserver();
        var services = new ServiceCollection().AddSignals(s => s.AddWebSignals());
        services.AddSingleton<ISignalObserver>(recording);
        observer = recording;
        return services.BuildServiceProvider();
    }

    private sealed class RecordingObserver : ISignalObserver
    {
        public ConcurrentQueue<SignalSent> Sent { get; } = new();

        public void OnSent(SignalSent sent) => Sent.Enqueue(sent);
    }

    private sealed class ThrowingObserver : ISignalObserver
    {
        public void OnSent(SignalSent sent) => throw new InvalidOperationException("observer broke");
    }
}
