using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using BlogShop.Signals;
using BlogShop.Signals.AspNetCore;
using BlogShop.Signals.EntityFrameworkCore;
using Microsoft.AspNetCore.Http;

namespace BlogShop.Web.Diagnostics;

/// <summary>One receiver called by a send, as shown on the Signals page.</summary>
public sealed record TracedReceiver(string Name, string Outcome, bool Failed, TimeSpan Elapsed);

/// <summary>One send, as shown on the Signals page: when (from the start of its request), how deep in other sends, what.</summary>
public sealed record TracedSignal(
    int Sequence, TimeSpan At, int Depth, string Signal, string Sender, IReadOnlyList<SignalValue> Args,
    IReadOnlyList<TracedReceiver> Receivers, TimeSpan Elapsed);

/// <summary>
/// The signals one request (or one background activity) sent, in order, and the request's line on the page: user,
/// method, path, status and time (known once request_finished is sent).
/// </summary>
public sealed class TracedRequest
{
    public const int MaxSignals = 300;

    // A plain array under a lock rather than a ConcurrentQueue: most requests record two sends, and a queue's first
    // segment (32 slots) was most of what a recorded request allocated.
    private readonly Lock _gate = new();
    private TracedSignal[] _signals = [];
    private int _count;
    private readonly long _startedTimestamp = Stopwatch.GetTimestamp();
    private int _sequence;
    private int _dropped;
    private int _depth;

    // query: "?a=1" or empty, kept apart from the path so that a dot in it does not make a page an asset.
    internal TracedRequest(string id, string method, string path, string query, DateTimeOffset startedAt, bool isBackground)
    {
        Id = id;
        Method = method;
        Path = query.Length == 0 ? path : path + query;
        StartedAt = startedAt;
        IsBackground = isBackground;
        IsAsset = path.StartsWith("/media/", StringComparison.OrdinalIgnoreCase) || System.IO.Path.HasExtension(path);
        IsOwnRefresh = method == HttpMethods.Get && path.StartsWith("/signals", StringComparison.OrdinalIgnoreCase);
    }

    public string Id { get; }

    public string Method { get; }

    /// <summary>Path and query string; for background work, a description.</summary>
    public string Path { get; }

    public DateTimeOffset StartedAt { get; }

    public bool IsBackground { get; }

    /// <summary>A static file or an uploaded picture: hidden unless asked for.</summary>
    public bool IsAsset { get; }

    /// <summary>The Signals page itself and its updates: hidden unless asked for.</summary>
    public bool IsOwnRefresh { get; }

    public string? User { get; private set; }

    public int? Status { get; private set; }

    public TimeSpan? Elapsed { get; private set; }

    /// <summary>Increasing in the order requests finished (background groups: in the order they began); 0 until then.</summary>
    public long FinishedNumber { get; private set; }

    /// <summary>Sends beyond <see cref="MaxSignals"/> are counted but not kept.</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    /// <summary>The sends recorded so far, in the order they ended (a copy: sends may still be added).</summary>
    public IReadOnlyCollection<TracedSignal> Signals
    {
        get
        {
            lock (_gate)
            {
                return _signals.AsSpan(0, _count).ToArray();
            }
        }
    }

    internal TimeSpan Now => Stopwatch.GetElapsedTime(_startedTimestamp);

    /// <summary>A send starts: its depth, the number of sends it runs inside.</summary>
    internal int Enter() => Interlocked.Increment(ref _depth) - 1;

    /// <summary>A send ends: its depth (the one <see cref="Enter"/> gave it, as sends nest).</summary>
    internal int Leave() => Interlocked.Decrement(ref _depth);

    /// <summary>The next send's sequence number; 0 once <see cref="MaxSignals"/> are kept (the send is counted as dropped).</summary>
    internal int NextSequence()
    {
        var sequence = Interlocked.Increment(ref _sequence);
        if (sequence > MaxSignals)
        {
            Interlocked.Increment(ref _dropped);
            return 0;
        }

        return sequence;
    }

    internal void Add(TracedSignal signal)
    {
        lock (_gate)
        {
            if (_count == _signals.Length)
            {
                Array.Resize(ref _signals, Math.Min(Math.Max(_signals.Length * 2, 4), MaxSignals));
            }

            _signals[_count++] = signal;
        }
    }

    internal void Finish(string? user, int status, TimeSpan elapsed, long number)
    {
        User ??= user;
        Status = status;
        Elapsed = elapsed;
        FinishedNumber = number;
    }

    internal void MarkStarted(long number) => FinishedNumber = number;

    internal void SeeUser(string? user) => User ??= user;
}

/// <summary>
/// Records every signal send of this host, grouped by the request that sent it, for the Signals page. Keeps the most
/// recent <see cref="MaxRequests"/> requests shown by default, and as many hidden ones (static files, the page's own
/// updates) apart, so those never push a person's requests out. Sends outside a request (startup, the email outbox)
/// go to one "background" group per minute. Before each send of a model signal it notes the instance's values, so the
/// page shows what the receivers changed (a book's Title "" then "Untitled" across pre_save). Outside Development nothing secret is
/// recorded: a failure shows its exception type without the message (which may quote data or configuration), a changed
/// setting its name without the value.
/// </summary>
public sealed class SignalTraceRecorder(IHttpContextAccessor accessor, TimeProvider time, IHostEnvironment environment) : ISignalObserver
{
    public const int MaxRequests = 50;

    private readonly bool _redact = !environment.IsDevelopment();

    private readonly ConcurrentQueue<TracedRequest> _shown = new();
    private readonly ConcurrentQueue<TracedRequest> _hidden = new();
    private readonly ConcurrentDictionary<string, TracedRequest> _byId = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<object, Before> _before = [];
    private TracedRequest? _background;
    private long _finished;

    /// <summary>False when the Signals page is off (<c>Diagnostics:RecordSignals</c>): nothing is observed.</summary>
    public bool IsRecording { get; init; } = true;

    /// <summary>Most recent first; the hidden kinds only when asked for.</summary>
    public IReadOnlyList<TracedRequest> Recent(bool includeHidden) =>
        [.. (includeHidden ? _shown.Concat(_hidden) : _shown).OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.FinishedNumber)];

    /// <summary>Requests that finished after <paramref name="afterNumber"/>, most recent first.</summary>
    public IReadOnlyList<TracedRequest> FinishedAfter(long afterNumber, bool includeHidden) =>
        [.. Recent(includeHidden).Where(r => r.FinishedNumber > afterNumber)];

    public TracedRequest? Find(string id) => _byId.GetValueOrDefault(id);

    public void OnSending(Signal signal, object? sender, object? args)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (IsNoise(signal, args))
        {
            return;
        }

        var request = Current(accessor.HttpContext);
        var depth = request.Enter();
        if (args is not null && SignalValues.Snapshot(args) is { } values)
        {
            // Only a model signal's instance can change during its send; other sends need no note (their depth comes
            // back from Leave, their start from their duration).
            _before.AddOrUpdate(args, new Before(depth, request.Now, values));
        }
    }

    public void OnSent(SignalSent sent)
    {
        ArgumentNullException.ThrowIfNull(sent);
        if (IsNoise(sent.Signal, sent.Args))
        {
            return;
        }

        var context = accessor.HttpContext;
        var request = Current(context);
        var depth = request.Leave();
        if (request.User is null && context?.User is { } principal)
        {
            // Known once authentication ran: the first send after it names the person, before the request finishes.
            request.SeeUser(UserOf(principal));
        }

        Before? before = null;
        if (sent.Args is { } args && _before.TryGetValue(args, out before))
        {
            _before.Remove(args);
        }

        if (request.NextSequence() is var sequence and > 0)
        {
            request.Add(new TracedSignal(
                sequence, before?.At ?? request.Now - sent.Elapsed, before?.Depth ?? depth, sent.Signal.Name, SignalValues.Sender(sent.Sender),
                SignalValues.Describe(sent.Args, before?.Values, _redact), Receivers(sent), sent.Elapsed));
        }

        if (sent.Args is RequestFinishedArgs finished)
        {
            var finishedContext = finished.HttpContext;
            request.Finish(UserOf(finishedContext.User), finishedContext.Response.StatusCode, finished.Elapsed, Interlocked.Increment(ref _finished));
        }
    }

    /// <summary>pre_init/post_init fire for every row a query reads; without receivers they only drown the page.</summary>
    private static bool IsNoise(Signal signal, object? args) =>
        args switch
        {
            PreInit init => !signal.HasListeners(init.EntityType),
            PostInit init => !signal.HasListeners(init.Instance.GetType()),
            _ => false,
        };

    private static string? UserOf(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true ? user.Identity.Name : null;

    private TracedReceiver[] Receivers(SignalSent sent)
    {
        var responses = sent.Responses;
        if (responses.Count == 0)
        {
            return [];
        }

        var receivers = new TracedReceiver[responses.Count];
        for (var i = 0; i < receivers.Length; i++)
        {
            var response = responses[i];
            receivers[i] = new TracedReceiver(
                response.Receiver, Describe(response), response.Failed, i < sent.ReceiverElapsed.Count ? sent.ReceiverElapsed[i] : TimeSpan.Zero);
        }

        return receivers;
    }

    private string Describe(SignalResponse response) =>
        response.Error is { } error ? SignalValues.Error(error, _redact) : response.Response?.ToString() ?? "ok";

    /// <summary>
    /// The group of the running request (looked up by its id before anything is built), or this minute's background
    /// group (kept at hand, its id built once a minute).
    /// </summary>
    private TracedRequest Current(HttpContext? context)
    {
        if (context is not null)
        {
            var id = context.TraceIdentifier;
            if (_byId.TryGetValue(id, out var existing))
            {
                return existing;
            }

            var request = context.Request;
            return Group(new TracedRequest(id, request.Method, request.Path.ToUriComponent(), request.QueryString.Value ?? "", time.GetUtcNow(), isBackground: false));
        }

        var now = time.GetUtcNow();
        if (Volatile.Read(ref _background) is { } background && background.StartedAt.Ticks / TimeSpan.TicksPerMinute == now.Ticks / TimeSpan.TicksPerMinute
            && _byId.ContainsKey(background.Id))
        {
            return background;
        }

        var backgroundId = $"background-{now:yyyyMMddHHmm}";
        var group = _byId.TryGetValue(backgroundId, out var known)
            ? known
            : Group(new TracedRequest(backgroundId, "", $"Background work ({now:HH:mm} UTC)", "", now, isBackground: true));
        Volatile.Write(ref _background, group);
        return group;
    }

    private TracedRequest Group(TracedRequest created)
    {
        if (!_byId.TryAdd(created.Id, created))
        {
            return _byId[created.Id];
        }

        if (created.IsBackground)
        {
            created.MarkStarted(Interlocked.Increment(ref _finished));
        }

        var queue = created.IsAsset || created.IsOwnRefresh ? _hidden : _shown;
        queue.Enqueue(created);
        while (queue.Count > MaxRequests && queue.TryDequeue(out var old))
        {
            _byId.TryRemove(old.Id, out _);
        }

        return created;
    }

    private sealed record Before(int Depth, TimeSpan At, IReadOnlyDictionary<string, string>? Values);
}

/// <summary>The Signals page: its rows, the one to show expanded, whether hidden kinds are shown.</summary>
public sealed record SignalsPageModel(IReadOnlyList<TracedRequest> Requests, string? Expanded, bool All);
