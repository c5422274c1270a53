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
/// "background" group per minute. Outside Development nothing secret is recorded: a failure shows its exception type
/// without the message (which may quote data or configuration), a changed setting its name without the value.
/// </summary>
public sealed class SignalTraceRecorder(IHttpContextAccessor accessor, TimeProvider time, IHostEnvironment environment) : ISignalObserver
{
    public const int MaxRequests = 40;

    private readonly bool _redact = !environment.IsDevelopment();

    private readonly ConcurrentQueue<TracedRequest> _order = new();
    private readonly ConcurrentDictionary<string, TracedRequest> _byId = new(StringComparer.Ordinal);

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
        var context = accessor.HttpContext;
        var request = context is null
            ? Group($"background-{now:yyyyMMddHHmm}", $"Background work ({now:HH:mm} UTC)", now)
            : Group(context.TraceIdentifier, $"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}", now);
        var receivers = sent.Responses.Select(r => new TracedReceiver(r.Receiver, Describe(r), r.Failed)).ToArray();
        request.Add(sequence => new TracedSignal(
            sequence, now, sent.Signal.Name, DescribeSender(sent.Sender), DescribeArgs(sent.Args), receivers, sent.Elapsed));
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

    private string Describe(SignalResponse response) =>
        response.Error is { } error ? DescribeError(error) : response.Response?.ToString() ?? "ok";

    private string DescribeError(Exception error) => _redact ? error.GetType().Name : $"{error.GetType().Name}: {error.Message}";

    private static string DescribeSender(object? sender) => sender switch
    {
        null => "None",
        Type type => type.Name,
        _ => sender.GetType().Name,
    };

    private string DescribeArgs(object? args) => args switch
    {
        SaveArgs save => $"{save.Instance.GetType().Name} created={save.Created} raw={save.Raw}" +
                         (save.UpdateFields is { Count: > 0 } fields ? $" fields={string.Join(',', fields)}" : ""),
        DeleteArgs delete => delete.Instance.GetType().Name,
        RequestStartedArgs started => $"{started.HttpContext.Request.Method} {started.HttpContext.Request.Path}",
        RequestFinishedArgs finished => $"status={finished.HttpContext.Response.StatusCode} elapsed={finished.Elapsed.TotalMilliseconds:0.0} ms",
        GotRequestExceptionArgs failed => DescribeError(failed.Exception),
        TemplateRenderedArgs rendered => $"{rendered.ViewName} model={rendered.Model?.GetType().Name ?? "none"}",
        SettingChangedArgs setting => _redact ? $"{setting.Setting} enter={setting.Enter}" : $"{setting.Setting}={setting.Value} enter={setting.Enter}",
        null => "",
        _ => args.GetType().Name,
    };
}
