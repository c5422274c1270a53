using System.Diagnostics;
using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using BlogShop.Signals;
using BlogShop.Signals.Dispatch;

namespace BlogShop.Benchmarks.Dispatcher;

/// <summary>
/// What the ActivitySource and Meter named BlogShop.Signals cost a <c>Send</c> to one receiver: with nobody listening
/// (the normal case: one check of the listeners, nothing allocated), and with an activity and a metrics listener
/// attached for the whole run (what an app exporting with OpenTelemetry pays), against a plain delegate. Beside them, in
/// the same run, the check itself that an unwatched send makes (<c>IsWatched</c>: observers, then the activity source
/// and the three instruments): what telemetry adds to a send nobody listens to.
/// </summary>
[Config(typeof(DispatcherBenchmarkConfig))]
public class SendTelemetryBenchmarks : IDisposable
{
    private readonly Ping _args = new(1);
    private readonly object _sender = typeof(Article);
    private Action<object?, Ping>? _plain;
    private Signal<Ping> _signal = null!;
    private ActivityListener? _activities;
    private MeterListener? _metrics;

    [Params(false, true)]
    public bool Listening { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var counters = Dispatcher.Receivers.Create(1);
        _plain = counters[0].Add;
        _signal = Dispatcher.Receivers.Signal(counters, useCaching: false);
        if (!Listening)
        {
            return;
        }

        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "BlogShop.Signals",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_activities);
        _metrics = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "BlogShop.Signals")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _metrics.Start();
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _activities?.Dispose();
        _metrics?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public void PlainDelegate() => _plain?.Invoke(_sender, _args);

    [Benchmark]
    public IReadOnlyList<SignalResponse> Send() => _signal.Send(_sender, _args);

    /// <summary>The whole of what telemetry adds to an unwatched send: the host's observers, then the listeners.</summary>
    [Benchmark]
    public bool WatchCheck() => _signal.IsWatched;

    /// <summary>The listener part of <see cref="WatchCheck"/>: the activity source and the three instruments.</summary>
    [Benchmark]
    public bool ListenerCheck() => SignalsTelemetry.Enabled;
}
