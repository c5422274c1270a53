using System.Collections.Concurrent;
using BlogShop.Signals;
using BlogShop.Signals.AspNetCore;
using BlogShop.Signals.EntityFrameworkCore;
using Microsoft.AspNetCore.Http;

namespace BlogShop.Web.Diagnostics;

/// <summary>One receiver called by a send, as shown on the Signals page.</summary>
public sealed record TracedReceiver(string Name, string Outcome, bool Failed);

/// <summary>One send, as shown on the Signals page.</summary>
public sealed record TracedSignal(int Sequence, DateTimeOffset At, string Signal, string Sender, string Args, IReadOnlyList<TracedReceiver> Receivers, TimeSpan Elapsed);

/// <summary>The signals one request (or one background activity) sent, in order.</summary>
public sealed class TracedRequest(string id, string title, DateTimeOffset startedAt)
{
    private readonly ConcurrentQueue<TracedSignal> _signals = new();
    private int _sequence;
    private int _dropped;

    public const int MaxSignals = 300;

    public string Id { get; } = id;

    public string Title { get; } = title;

    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>Sends beyond <see cref="MaxSignals"/> are counted but not kept.</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    public IReadOnlyCollection<TracedSignal> Signals => _signals;

    internal void Add(Func<int, TracedSignal> create)
    {
        var sequence = Interlocked.Increment(ref _sequence);
        if (sequence > MaxSignals)
        {
            Interlocked.Increment(ref _dropped);
            return;
        }

        _signals.Enqueue(create(sequence));
    }
}

/// <summary>
/// Records every signal send of this host, grouped by the request that sent it, for the Signals page. Keeps the most
/// recent <see cref="MaxRequests"/> requests. Sends outside a request (startup, the email outbox) go to one
/// "background" group per minute.
/// </summary>
public sealed class SignalTraceRecorder(IHttpContextAccessor accessor, TimeProvider time) : ISignalObserver
{
    public const int MaxRequests = 40;

    private readonly ConcurrentQueue<TracedRequest> _order = new();
    private readonly ConcurrentDictionary<string, TracedRequest> _byId = new(StringComparer.Ordinal);
    private BackgroundMinute? _background;

    /// <summary>Most recent first.</summary>
    public IReadOnlyList<TracedRequest> Recent => [.. _order.Reverse()];

    public TracedRequest? Find(string id) => _byId.GetValueOrDefault(id);

    public void OnSent(SignalSent sent)
    {
        // pre_init/post_init fire for every row a query reads; without receivers they only drown the page.
        if (sent.Responses.Count == 0 && sent.Signal.Name is "pre_init" or "post_init")
        {
            return;
        }

        var now = time.GetUtcNow();
        var request = accessor.HttpContext is { } context ? RequestGroup(context, now) : BackgroundGroup(now);
        TracedReceiver[] receivers = sent.Responses.Count == 0 ? [] : [.. sent.Responses.Select(r => new TracedReceiver(r.Receiver, Describe(r), r.Failed))];
        request.Add(sequence => new TracedSignal(
            sequence, now, sent.Signal.Name, DescribeSender(sent.Sender), DescribeArgs(sent.Args), receivers, sent.Elapsed));
    }

    /// <summary>The request's group; its title is built once, when the request's first send creates it.</summary>
    private TracedRequest RequestGroup(HttpContext context, DateTimeOffset now) =>
        _byId.TryGetValue(context.TraceIdentifier, out var existing)
            ? existing
            : Group(context.TraceIdentifier, $"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}", now);

    /// <summary>The group of the current minute, kept at hand: background sends come in bursts (the outbox).</summary>
    private TracedRequest BackgroundGroup(DateTimeOffset now)
    {
        var minute = now.UtcTicks / TimeSpan.TicksPerMinute;
        if (_background is { } last && last.Minute == minute && _byId.ContainsKey(last.Group.Id))
        {
            return last.Group;
        }

        var group = Group($"background-{now:yyyyMMddHHmm}", $"Background work ({now:HH:mm} UTC)", now);
        _background = new BackgroundMinute(minute, group);
        return group;
    }

    private TracedRequest Group(string id, string title, DateTimeOffset now)
    {
        if (_byId.TryGetValue(id, out var existing))
        {
            return existing;
        }

        var created = new TracedRequest(id, title, now);
        if (!_byId.TryAdd(id, created))
        {
            return _byId[id];
        }

        _order.Enqueue(created);
        while (_order.Count > MaxRequests && _order.TryDequeue(out var old))
        {
            _byId.TryRemove(old.Id, out _);
        }

        return created;
    }

    private static string Describe(SignalResponse response) =>
        response.Error is { } error ? $"{error.GetType().Name}: {error.Message}" : response.Response?.ToString() ?? "ok";

    private static string DescribeSender(object? sender) => sender switch
    {
        null => "None",
        Type type => type.Name,
        _ => sender.GetType().Name,
    };

    private static string DescribeArgs(object? args) => args switch
    {
        SaveArgs save => $"{save.Instance.GetType().Name} created={save.Created} raw={save.Raw}" +
                         (save.UpdateFields is { Count: > 0 } fields ? $" fields={string.Join(',', fields)}" : ""),
        DeleteArgs delete => delete.Instance.GetType().Name,
        RequestStartedArgs started => $"{started.HttpContext.Request.Method} {started.HttpContext.Request.Path}",
        RequestFinishedArgs finished => $"status={finished.HttpContext.Response.StatusCode} elapsed={finished.Elapsed.TotalMilliseconds:0.0} ms",
        GotRequestExceptionArgs failed => $"{failed.Exception.GetType().Name}: {failed.Exception.Message}",
        TemplateRenderedArgs rendered => $"{rendered.ViewName} model={rendered.Model?.GetType().Name ?? "none"}",
        SettingChangedArgs setting => $"{setting.Setting}={setting.Value} enter={setting.Enter}",
        null => "",
        _ => args.GetType().Name,
    };

    /// <summary>Replaced whole, so a thread reading it never sees one minute with another minute's group.</summary>
    private sealed record BackgroundMinute(long Minute, TracedRequest Group);
}
