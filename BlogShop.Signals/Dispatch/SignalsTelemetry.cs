using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace BlogShop.Signals.Dispatch;

/// <summary>
/// The library's <see cref="ActivitySource"/> and <see cref="Meter"/>, both named <c>BlogShop.Signals</c>. Process-wide
/// like every ActivitySource: listeners (OpenTelemetry, dotnet-counters) subscribe by name; the signals and receivers
/// themselves stay per host. With nobody listening a send checks <see cref="Enabled"/> and does nothing more.
/// </summary>
internal static class SignalsTelemetry
{
    public const string Name = "BlogShop.Signals";

    private static readonly string? Version = typeof(SignalsTelemetry).Assembly.GetName().Version?.ToString(3);

    public static ActivitySource Source { get; } = new(Name, Version);

    public static Meter Meter { get; } = new(Name, Version);

    /// <summary><c>blogshop.signals.sends</c>: sends, tagged with the signal's name.</summary>
    public static Counter<long> Sends { get; } =
        Meter.CreateCounter<long>("blogshop.signals.sends", "{send}", "Sends of a signal, with or without receivers.");

    /// <summary><c>blogshop.signals.receiver.duration</c>: how long each receiver took, tagged with signal and receiver.</summary>
    public static Histogram<double> ReceiverDuration { get; } =
        Meter.CreateHistogram<double>("blogshop.signals.receiver.duration", "s", "How long a receiver took to handle one send.");

    /// <summary><c>blogshop.signals.receiver.failures</c>: receivers that threw, tagged with signal and receiver.</summary>
    public static Counter<long> ReceiverFailures { get; } =
        Meter.CreateCounter<long>("blogshop.signals.receiver.failures", "{failure}", "Receivers that threw while handling a send.");

    /// <summary>True when an activity listener or a metrics listener wants sends.</summary>
    public static bool Enabled
    {
        // Inlined into every send's fast path: as a call of its own it cost the unwatched send about 3 ns.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Source.HasListeners() || Sends.Enabled || ReceiverDuration.Enabled || ReceiverFailures.Enabled;
    }
}

/// <summary>
/// What one watched send records (a send is watched when the host has observers or somebody listens to the
/// telemetry): its start, its activity, its failures. The default value is an unwatched send and costs nothing.
/// Receivers are timed once, by the send's <see cref="ResponseBuilder{TArgs}"/>; the watch records those times.
/// </summary>
internal struct SendWatch
{
    private readonly bool _telemetry;
    private int _failures;

    private SendWatch(long started, Activity? activity, bool telemetry)
    {
        Started = started;
        Activity = activity;
        _telemetry = telemetry;
        On = true;
    }

    public bool On { get; }

    public long Started { get; }

    public Activity? Activity { get; }

    public static SendWatch Start(Signal signal, object? sender, bool telemetry)
    {
        if (!telemetry)
        {
            return new SendWatch(Stopwatch.GetTimestamp(), null, telemetry: false);
        }

        var name = new KeyValuePair<string, object?>("blogshop.signal.name", signal.Name);
        SignalsTelemetry.Sends.Add(1, name);
        var activity = SignalsTelemetry.Source.StartActivity(signal.ActivityName, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("blogshop.signal.name", signal.Name);
            activity.SetTag("blogshop.signal.sender", sender is Type type ? type.FullName : sender?.GetType().FullName);
        }

        return new SendWatch(Stopwatch.GetTimestamp(), activity, telemetry: true);
    }

    /// <summary>Records one receiver's time and failure for the telemetry (nothing when only observers watch).</summary>
    public void ReceiverDone(Signal signal, string receiver, TimeSpan elapsed, Exception? error)
    {
        if (!_telemetry)
        {
            return;
        }

        TagList tags = new() { { "blogshop.signal.name", signal.Name }, { "blogshop.signal.receiver", receiver } };
        SignalsTelemetry.ReceiverDuration.Record(elapsed.TotalSeconds, tags);
        if (error is not null)
        {
            _failures++;
            SignalsTelemetry.ReceiverFailures.Add(1, tags);
        }

        if (Activity is { IsAllDataRequested: true } activity)
        {
            ActivityTagsCollection eventTags = new()
            {
                ["blogshop.signal.receiver"] = receiver,
                ["blogshop.signal.receiver.duration_ms"] = elapsed.TotalMilliseconds,
            };
            if (error is not null)
            {
                eventTags["exception.type"] = error.GetType().FullName;
                eventTags["exception.message"] = error.Message;
            }

            activity.AddEvent(new ActivityEvent(error is null ? "receiver" : "receiver failed", tags: eventTags));
        }
    }

    /// <summary>Ends the activity: receiver count and failures; an error status when the send itself failed.</summary>
    public readonly void Finish(int receivers, bool failed)
    {
        if (Activity is not { } activity)
        {
            return;
        }

        if (activity.IsAllDataRequested)
        {
            activity.SetTag("blogshop.signal.receivers", receivers);
            activity.SetTag("blogshop.signal.failures", _failures);
        }

        if (failed || _failures > 0)
        {
            activity.SetStatus(ActivityStatusCode.Error, failed ? "A receiver failed the send." : "Receivers failed.");
        }

        activity.Dispose();
    }
}
