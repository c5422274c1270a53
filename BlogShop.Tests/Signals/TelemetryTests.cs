using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using BlogShop.Signals;

namespace BlogShop.Tests.Signals;

/// <summary>The ActivitySource and Meter named BlogShop.Signals: what a listener (OpenTelemetry) sees of a send.</summary>
public sealed class TelemetryTests : IDisposable
{
    // Listeners are process-wide: each test uses a signal name of its own and keeps only what carries it.
    private readonly string _name = $"telemetry_{Guid.NewGuid():N}";
    private readonly ConcurrentQueue<Activity> _activities = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, string? Receiver)> _measurements = new();
    private readonly ActivityListener _activityListener;
    private readonly MeterListener _meterListener = new();

    public TelemetryTests()
    {
        _activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "BlogShop.Signals",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (Equals(activity.GetTagItem("blogshop.signal.name"), _name))
                {
                    _activities.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_activityListener);
        _meterListener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "BlogShop.Signals")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meterListener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meterListener.Start();
    }

    [Fact]
    public void A_send_is_an_activity_with_the_signal_the_sender_and_an_event_per_receiver()
    {
        var signal = new Signal<Ping>(_name);
        signal.Connect(Succeed);
        signal.Connect(Fail);

        signal.SendRobust(typeof(Article), new Ping(1));

        var activity = Assert.Single(_activities);
        Assert.Equal($"send {_name}", activity.DisplayName);
        Assert.Equal(typeof(Article).FullName, activity.GetTagItem("blogshop.signal.sender"));
        Assert.Equal(2, activity.GetTagItem("blogshop.signal.receivers"));
        Assert.Equal(1, activity.GetTagItem("blogshop.signal.failures"));
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal(["receiver", "receiver failed"], activity.Events.Select(e => e.Name));
        Assert.Equal(
            [$"{nameof(TelemetryTests)}.{nameof(Succeed)}", $"{nameof(TelemetryTests)}.{nameof(Fail)}"],
            activity.Events.Select(e => e.Tags.Single(t => t.Key == "blogshop.signal.receiver").Value));
    }

    [Fact]
    public async Task Sends_receiver_durations_and_failures_are_measured_per_signal_and_receiver()
    {
        var signal = new Signal<Ping>(_name);
        signal.Connect(Succeed);
        signal.Connect(Fail);

        await signal.SendRobustAsync(null, new Ping(1));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await signal.SendAsync(null, new Ping(2)));

        var measured = _measurements.ToArray();
        Assert.Equal(2, measured.Count(m => m.Instrument == "blogshop.signals.sends"));
        Assert.Equal(4, measured.Count(m => m.Instrument == "blogshop.signals.receiver.duration" && m.Value >= 0));
        Assert.Equal(
            [$"{nameof(TelemetryTests)}.{nameof(Fail)}", $"{nameof(TelemetryTests)}.{nameof(Fail)}"],
            measured.Where(m => m.Instrument == "blogshop.signals.receiver.failures").Select(m => m.Receiver));
        Assert.Equal(2, _activities.Count);
    }

    [Fact]
    public void A_send_that_nobody_receives_is_still_counted()
    {
        var signal = new Signal<Ping>(_name);

        signal.Send(null, new Ping(1));

        Assert.Single(_measurements, m => m.Instrument == "blogshop.signals.sends");
        Assert.Equal(0, Assert.Single(_activities).GetTagItem("blogshop.signal.receivers"));
    }

    public void Dispose()
    {
        _activityListener.Dispose();
        _meterListener.Dispose();
    }

    private static void Succeed(object? sender, Ping args)
    {
    }

    private static void Fail(object? sender, Ping args) => throw new InvalidOperationException("receiver failed");

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? signal = null;
        string? receiver = null;
        foreach (var (key, tagValue) in tags)
        {
            if (key == "blogshop.signal.name")
            {
                signal = tagValue as string;
            }
            else if (key == "blogshop.signal.receiver")
            {
                receiver = tagValue as string;
            }
        }

        if (signal == _name)
        {
            _measurements.Enqueue((instrument.Name, value, receiver));
        }
    }
}
