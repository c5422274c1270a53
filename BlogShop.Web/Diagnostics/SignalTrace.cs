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
    private RecordedSend[] _signals = [];
    private int _count;
    private long _startedTimestamp;
    private int _sequence;
    private int _dropped;

    // query: "?a=1" or empty, kept apart from the path so that a dot in it does not make a page an asset.
    // startedTimestamp: when the send that created it began (a Stopwatch timestamp): the zero of its sends' times,
    // moved back if a send that began earlier ends later (one around the first send recorded).
    internal TracedRequest(string id, string method, string path, string query, DateTimeOffset startedAt, long startedTimestamp, bool isBackground)
    {
        Id = id;
        _startedTimestamp = startedTimestamp;
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
    /// <remarks>A send's depth is the number of the request's sends that ran around it (began before it and ended
    /// after it): worked out here, from when each began and ended, so that recording a send needs no note when it
    /// starts. A send still running has no depth to give yet: its inner sends show one level deeper once it ends.</remarks>
    public IReadOnlyCollection<TracedSignal> Signals
    {
        get
        {
            RecordedSend[] sends;
            long started;
            lock (_gate)
            {
                sends = _signals.AsSpan(0, _count).ToArray();
                started = _startedTimestamp;
            }

            var signals = new TracedSignal[sends.Length];
            for (var i = 0; i < sends.Length; i++)
            {
                var depth = 0;
                foreach (var other in sends)
                {
                    if (other.Encloses(sends[i]))
                    {
                        depth++;
                    }
                }

                signals[i] = sends[i].ToSignal(Stopwatch.GetElapsedTime(started, sends[i].Began), depth);
            }

            return signals;
        }
    }

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

    internal void Add(RecordedSend signal)
    {
        lock (_gate)
        {
            if (_count == _signals.Length)
            {
                Array.Resize(ref _signals, Math.Min(Math.Max(_signals.Length * 2, 4), MaxSignals));
            }

            _signals[_count++] = signal;
            _startedTimestamp = Math.Min(_startedTimestamp, signal.Began);
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
    private readonly ConditionalWeakTable<object, IReadOnlyDictionary<string, string>> _before = [];
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

        // Only a model signal's instance can change during its send, so only it needs a note before its receivers
        // run; a send's start and depth come from when it ended and how long it took.
        if (args is not null && !IsNoise(signal, args) && SignalValues.Snapshot(args) is { } values)
        {
            _before.AddOrUpdate(args, values);
        }
    }

    public void OnSent(SignalSent sent)
    {
        ArgumentNullException.ThrowIfNull(sent);
        if (IsNoise(sent.Signal, sent.Args))
        {
            return;
        }

        var duration = (long)(sent.Elapsed.TotalSeconds * Stopwatch.Frequency);
        var began = sent.StartTimestamp != 0 ? sent.StartTimestamp : Stopwatch.GetTimestamp() - duration;
        var ended = began + duration;
        var context = accessor.HttpContext;
        var request = Current(context, began, sent.Elapsed);
        if (request.User is null && context?.User is { } principal && sent.Args is not RequestFinishedArgs)
        {
            // Known once authentication ran: the first send after it names the person, before the request finishes
            // (request_finished names them itself, below).
            request.SeeUser(UserOf(principal));
        }

        IReadOnlyDictionary<string, string>? before = null;
        if (sent.Args is { } args && SignalValues.IsModelSend(args) && _before.TryGetValue(args, out before))
        {
            _before.Remove(args);
        }

        if (request.NextSequence() is var sequence and > 0)
        {
            request.Add(new RecordedSend(sequence, began, ended, sent, SignalValues.Capture(sent.Args, before, _redact), _redact));
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

    /// <summary>
    /// The group of the running request (looked up by its id before anything is built), or this minute's background
    /// group (kept at hand, its id built once a minute). A new group starts when the send that creates it began
    /// (<paramref name="began"/>, <paramref name="ago"/> before now).
    /// </summary>
    private TracedRequest Current(HttpContext? context, long began, TimeSpan ago)
    {
        if (context is not null)
        {
            var id = context.TraceIdentifier;
            if (_byId.TryGetValue(id, out var existing))
            {
                return existing;
            }

            var request = context.Request;
            return Group(new TracedRequest(
                id, request.Method, request.Path.ToUriComponent(), request.QueryString.Value ?? "", time.GetUtcNow() - ago, began, isBackground: false));
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
            : Group(new TracedRequest(backgroundId, "", $"Background work ({now:HH:mm} UTC)", "", now, began, isBackground: true));
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
}

/// <summary>
/// One send as recorded: what the Signals page shows of it, formatted only when the page reads it (most recorded sends
/// are never looked at). What could change later is taken at once: the request signals' values (their request's
/// <c>HttpContext</c> is reused for later requests), other arguments described as they are, and the outcome of a
/// receiver that answered something (the answer is an object that may change).
/// </summary>
internal sealed class RecordedSend
{
    private readonly object _args;
    private readonly bool _redact;
    private readonly IReadOnlyList<SignalResponse> _responses;
    private readonly IReadOnlyList<TimeSpan> _receiverElapsed;
    private IReadOnlyList<SignalValue>? _values;
    private TracedReceiver[]? _receivers;

    // began, ended: Stopwatch timestamps; args: what SignalValues.Capture kept of its arguments.
    public RecordedSend(int sequence, long began, long ended, SignalSent sent, object args, bool redact)
    {
        Sequence = sequence;
        Began = began;
        Ended = ended;
        Elapsed = sent.Elapsed;
        Signal = sent.Signal.Name;
        Sender = SignalValues.Sender(sent.Sender);
        _args = args;
        _redact = redact;
        _responses = sent.Responses;
        _receiverElapsed = sent.ReceiverElapsed;
        foreach (var response in sent.Responses)
        {
            if (response.Error is null && response.Response is not null)
            {
                _receivers = Receivers();
                break;
            }
        }
    }

    public int Sequence { get; }

    /// <summary>When the send began (a Stopwatch timestamp).</summary>
    public long Began { get; }

    /// <summary>When it ended (a Stopwatch timestamp).</summary>
    public long Ended { get; }

    public TimeSpan Elapsed { get; }

    public string Signal { get; }

    public string Sender { get; }

    /// <summary>True when <paramref name="inner"/> ran inside this send: it began no earlier and ended no later, and
    /// was recorded first (two sends with the same times do not enclose each other).</summary>
    public bool Encloses(RecordedSend inner) => inner.Sequence < Sequence && Began <= inner.Began && inner.Ended <= Ended;

    /// <param name="at">When it began, from the start of its request.</param>
    /// <param name="depth">How many of the request's sends ran around it.</param>
    public TracedSignal ToSignal(TimeSpan at, int depth) =>
        new(Sequence, at, depth, Signal, Sender, _values ??= SignalValues.Values(_args, _redact), _receivers ??= Receivers(), Elapsed);

    private TracedReceiver[] Receivers()
    {
        if (_responses.Count == 0)
        {
            return [];
        }

        var receivers = new TracedReceiver[_responses.Count];
        for (var i = 0; i < receivers.Length; i++)
        {
            var response = _responses[i];
            var outcome = response.Error is { } error ? SignalValues.Error(error, _redact) : response.Response?.ToString() ?? "ok";
            receivers[i] = new TracedReceiver(response.Receiver, outcome, response.Failed, i < _receiverElapsed.Count ? _receiverElapsed[i] : TimeSpan.Zero);
        }

        return receivers;
    }
}

/// <summary>The Signals page: its rows, the one to show expanded, whether hidden kinds are shown.</summary>
public sealed record SignalsPageModel(IReadOnlyList<TracedRequest> Requests, string? Expanded, bool All);
