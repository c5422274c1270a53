using System.Diagnostics;
using System.Runtime.CompilerServices;
using BlogShop.Signals;
using BlogShop.Signals.AspNetCore;
using BlogShop.Signals.EntityFrameworkCore;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features.Authentication;

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

    // The other sends recorded, the last one first, each linked to the one recorded before it: adding one is a single
    // compare-exchange, with no lock or array to allocate (most requests send few besides the two below).
    private readonly long _startedTimestamp;
    private RecordedSend? _last;
    private int _sequence;
    private int _dropped;

    // request_started and request_finished, which every request sends, kept in the group itself: recording them
    // creates no object. _claimed says which of the two a send took, _kept which are written (the page reads those).
    private const int StartedBit = 1;
    private const int FinishedBit = 2;
    private RawSend _started;
    private RawSend _finished;
    private int _claimed;
    private int _kept;

    // query: "?a=1" or empty, kept apart from the path so that a dot in it does not make a page an asset.
    // startedTimestamp: when the send that created it began (a Stopwatch timestamp): the zero of its sends' times,
    // unless a send that began earlier ended later (one around the first send recorded); clock turns it into the
    // wall-clock time shown.
    internal TracedRequest(string id, string method, string path, string query, long startedTimestamp, WallClock clock, bool isBackground)
    {
        Id = id;
        _startedTimestamp = startedTimestamp;
        Method = method;
        PathWithoutQuery = path;
        Path = query.Length == 0 ? path : path + query;
        StartedAt = clock.At(startedTimestamp);
        IsBackground = isBackground;
        IsAsset = path.StartsWith("/media/", StringComparison.OrdinalIgnoreCase) || System.IO.Path.HasExtension(path);
        IsOwnRefresh = method == HttpMethods.Get && path.StartsWith("/signals", StringComparison.OrdinalIgnoreCase);
    }

    public string Id { get; }

    public string Method { get; }

    /// <summary>Path and query string; for background work, a description.</summary>
    public string Path { get; }

    /// <summary>What request_started shows: the path without the query string.</summary>
    internal string PathWithoutQuery { get; }

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
            var sends = new List<RecordedSend>();
            var kept = Volatile.Read(ref _kept);
            if ((kept & StartedBit) != 0)
            {
                sends.Add(_started.ToRecorded(this));
            }

            // Its status is set just after it is kept: until then the request is not finished, and shown so.
            if ((kept & FinishedBit) != 0 && Status is { } status && Elapsed is { } elapsed)
            {
                sends.Add(_finished.ToRecorded(SignalValues.CaptureFinished(status, elapsed)));
            }

            for (var send = Volatile.Read(ref _last); send is not null; send = send.Previous)
            {
                sends.Add(send);
            }

            sends.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
            var started = _startedTimestamp;
            foreach (var send in sends)
            {
                started = Math.Min(started, send.Began);
            }

            var signals = new TracedSignal[sends.Count];
            for (var i = 0; i < signals.Length; i++)
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

    /// <summary>Keeps request_started or request_finished in the group itself; false when that one is kept already
    /// (a host that sent it twice for one request), for <see cref="Add"/> to keep.</summary>
    internal bool TryKeep(bool isStarted, in RawSend send)
    {
        var bit = isStarted ? StartedBit : FinishedBit;
        if ((Interlocked.Or(ref _claimed, bit) & bit) != 0)
        {
            return false;
        }

        (isStarted ? ref _started : ref _finished) = send;
        Interlocked.Or(ref _kept, bit);
        return true;
    }

    internal void Add(RecordedSend signal)
    {
        while (true)
        {
            var last = Volatile.Read(ref _last);
            signal.Previous = last;
            if (Interlocked.CompareExchange(ref _last, signal, last) == last)
            {
                return;
            }
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

    /// <summary>Its place in the recorder's window of recent requests (see <see cref="RecentRequests"/>).</summary>
    internal long Slot { get; set; }

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

    private readonly RecentRequests _shown = new(MaxRequests);
    private readonly RecentRequests _hidden = new(MaxRequests);
    private readonly ConditionalWeakTable<object, IReadOnlyDictionary<string, string>> _before = [];
    private readonly WallClock _clock = new(time);
    private readonly Lock _creating = new();
    private BackgroundWork? _background;
    private long _finished;

    /// <summary>False when the Signals page is off (<c>Diagnostics:RecordSignals</c>): nothing is observed.</summary>
    public bool IsRecording { get; init; } = true;

    /// <summary>Most recent first; the hidden kinds only when asked for.</summary>
    public IReadOnlyList<TracedRequest> Recent(bool includeHidden) =>
        [.. (includeHidden ? _shown.ToList().Concat(_hidden.ToList()) : _shown.ToList()).OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.FinishedNumber)];

    /// <summary>Requests that finished after <paramref name="afterNumber"/>, most recent first.</summary>
    public IReadOnlyList<TracedRequest> FinishedAfter(long afterNumber, bool includeHidden) =>
        [.. Recent(includeHidden).Where(r => r.FinishedNumber > afterNumber)];

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
        // The request signals carry their request; reading it from them saves looking up the current one.
        var context = sent.Args switch
        {
            RequestStartedArgs requestStarted => requestStarted.HttpContext,
            RequestFinishedArgs requestFinished => requestFinished.HttpContext,
            GotRequestExceptionArgs requestFailed => requestFailed.HttpContext,
            _ => accessor.HttpContext,
        };
        // request_started and request_finished: the two sends every request makes, kept in its group without an object.
        var starts = sent.Args is RequestStartedArgs;
        var startsOrFinishes = starts || sent.Args is RequestFinishedArgs;
        var request = context is not null ? RequestGroup(context, began, starts) : BackgroundGroup(began);

        // Known once authentication ran: the first send after it names the person, before the request finishes
        // (request_finished names them itself, below; request_started is sent before anybody authenticated).
        if (request.User is null && context is not null && !startsOrFinishes)
        {
            request.SeeUser(UserOf(context));
        }

        IReadOnlyDictionary<string, string>? before = null;
        if (sent.Args is { } args && SignalValues.IsModelSend(args) && _before.TryGetValue(args, out before))
        {
            _before.Remove(args);
        }

        if (request.NextSequence() is var sequence and > 0)
        {
            var send = new RawSend(sequence, began, ended, sent, _redact);
            // Kept as it is when its receivers answered nothing; formatted when the page reads it.
            var kept = startsOrFinishes && !RecordedSend.Answered(sent.Responses) && request.TryKeep(starts, send);
            if (!kept)
            {
                request.Add(send.ToRecorded(SignalValues.Capture(sent.Args, request, before, _redact)));
            }
        }

        if (sent.Args is RequestFinishedArgs finished)
        {
            var finishedContext = finished.HttpContext;
            request.Finish(UserOf(finishedContext), finishedContext.Response.StatusCode, finished.Elapsed, Interlocked.Increment(ref _finished));
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

    /// <summary>The signed-in user's name, null for anonymous. Read from the authentication feature: HttpContext.User
    /// would create an anonymous principal for every request that nobody authenticated. Looked up by its type rather
    /// than with the generic <c>Get</c>, which the server's feature collection answers after a runtime type lookup.</summary>
    private static string? UserOf(HttpContext context) =>
        context.Features[typeof(IHttpAuthenticationFeature)] is IHttpAuthenticationFeature { User.Identity: { IsAuthenticated: true } identity } ? identity.Name : null;

    /// <summary>
    /// The running request's group: request_started creates it (it is a request's first send; the signals middleware
    /// does not send it again for an error page executed again, whose sends join the same group), any other send finds
    /// it among the recent requests or, when there is none (no request_started, or a request that ran while so many
    /// others started that its group left the window), creates it, beginning at <paramref name="began"/>. A group is
    /// the request's while its <see cref="HttpContext.TraceIdentifier"/> is the very string the group was made with:
    /// the server gives each request its own, also on a context it reuses. Found by that, not stored in the request's
    /// <see cref="HttpContext.Items"/>, which the server would create for every request for it; a weak table keyed by
    /// the context churned under load. The lock makes two sends that both find no group (parallel work in a request
    /// without request_started) share one.
    /// </summary>
    private TracedRequest RequestGroup(HttpContext context, long began, bool starts)
    {
        var id = context.TraceIdentifier;
        if (starts)
        {
            return CreateGroup(context, id, began);
        }

        if (Find(id) is { } found)
        {
            return found;
        }

        lock (_creating)
        {
            return Find(id) ?? CreateGroup(context, id, began);
        }
    }

    private TracedRequest? Find(string id) => _shown.Find(id) ?? _hidden.Find(id);

    private TracedRequest CreateGroup(HttpContext context, string id, long began)
    {
        var request = context.Request;
        var created = new TracedRequest(id, request.Method, request.Path.ToUriComponent(), request.QueryString.Value ?? "", began, _clock, isBackground: false);
        (created.IsAsset || created.IsOwnRefresh ? _hidden : _shown).Add(created);
        return created;
    }

    /// <summary>
    /// This minute's group for sends outside a request (kept at hand with its minute, its id built once a minute), or
    /// a new one when the minute changed or the group left the window of recent requests.
    /// </summary>
    private TracedRequest BackgroundGroup(long began)
    {
        var now = time.GetUtcNow();
        var minute = now.Ticks / TimeSpan.TicksPerMinute;
        while (true)
        {
            var current = Volatile.Read(ref _background);
            if (current is not null && current.Minute == minute && _shown.Holds(current.Group))
            {
                return current.Group;
            }

            var created = new BackgroundWork(
                new TracedRequest($"background-{now:yyyyMMddHHmm}", "", $"Background work ({now:HH:mm} UTC)", "", began, _clock, isBackground: true), minute);
            if (Interlocked.CompareExchange(ref _background, created, current) == current)
            {
                created.Group.MarkStarted(Interlocked.Increment(ref _finished));
                _shown.Add(created.Group);
                return created.Group;
            }
        }
    }

    private sealed record BackgroundWork(TracedRequest Group, long Minute);
}

/// <summary>
/// The most recent requests of one kind: a fixed ring of slots that a new request takes in turn, overwriting the
/// oldest. Lock-free: adding takes a slot number with one interlocked increment, so recording a request touches no
/// shared lock or dictionary.
/// </summary>
internal sealed class RecentRequests(int capacity)
{
    private readonly TracedRequest?[] _slots = new TracedRequest?[capacity];

    // Each slot's request id, side by side: finding a request reads these few cache lines, not every request.
    private readonly string?[] _ids = new string?[capacity];
    private long _next;

    public void Add(TracedRequest request)
    {
        var slot = Interlocked.Increment(ref _next) - 1;
        request.Slot = slot;
        var index = slot % _slots.Length;
        Volatile.Write(ref _ids[index], request.Id);
        Volatile.Write(ref _slots[index], request);
    }

    /// <summary>The most recent request made with this very <paramref name="id"/> string (compared by reference), or
    /// null when none is held.</summary>
    public TracedRequest? Find(string id)
    {
        var next = Volatile.Read(ref _next);
        for (var slot = next - 1; slot >= 0 && slot >= next - _slots.Length; slot--)
        {
            var index = slot % _slots.Length;
            if (ReferenceEquals(Volatile.Read(ref _ids[index]), id) && Volatile.Read(ref _slots[index]) is { } request && ReferenceEquals(request.Id, id))
            {
                return request;
            }
        }

        return null;
    }

    /// <summary>True while <paramref name="request"/> has not been overwritten by a newer one.</summary>
    public bool Holds(TracedRequest request) => ReferenceEquals(Volatile.Read(ref _slots[request.Slot % _slots.Length]), request);

    public List<TracedRequest> ToList()
    {
        var requests = new List<TracedRequest>(_slots.Length);
        foreach (ref var slot in _slots.AsSpan())
        {
            if (Volatile.Read(ref slot) is { } request)
            {
                requests.Add(request);
            }
        }

        return requests;
    }
}

/// <summary>
/// Turns Stopwatch timestamps into wall-clock times: a send already carries its timestamp, and reading the system
/// clock for every recorded request cost more than the rest of creating its group. Re-read once a second, so the
/// times shown follow the system clock's adjustments.
/// </summary>
internal sealed class WallClock(TimeProvider time)
{
    private Reading _last = new(Stopwatch.GetTimestamp(), time.GetUtcNow());

    public DateTimeOffset At(long timestamp)
    {
        var last = Volatile.Read(ref _last);
        if (Math.Abs(timestamp - last.Timestamp) > Stopwatch.Frequency)
        {
            last = new Reading(Stopwatch.GetTimestamp(), time.GetUtcNow());
            Volatile.Write(ref _last, last);
        }

        return last.Utc + Stopwatch.GetElapsedTime(last.Timestamp, timestamp);
    }

    private sealed record Reading(long Timestamp, DateTimeOffset Utc);
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
    private readonly Type? _sender;
    private IReadOnlyList<SignalValue>? _values;
    private TracedReceiver[]? _receivers;

    // args: what SignalValues.Capture kept of its arguments.
    public RecordedSend(in RawSend send, object args)
    {
        Sequence = send.Sequence;
        Began = send.Began;
        Ended = send.Ended;
        Elapsed = send.Elapsed;
        Signal = send.Signal;
        _sender = send.Sender;
        _args = args;
        _redact = send.Redact;
        _responses = send.Responses;
        _receiverElapsed = send.ReceiverElapsed;
        if (Answered(_responses))
        {
            _receivers = Receivers();
        }
    }

    /// <summary>True when a receiver answered an object: it may change later, so its text is taken at once.</summary>
    public static bool Answered(IReadOnlyList<SignalResponse> responses)
    {
        // By index: a foreach over the interface would allocate an enumerator for every send.
        for (var i = 0; i < responses.Count; i++)
        {
            if (responses[i] is { Error: null, Response: not null })
            {
                return true;
            }
        }

        return false;
    }

    public int Sequence { get; }

    /// <summary>When the send began (a Stopwatch timestamp).</summary>
    public long Began { get; }

    /// <summary>When it ended (a Stopwatch timestamp).</summary>
    public long Ended { get; }

    public TimeSpan Elapsed { get; }

    public string Signal { get; }

    /// <summary>The send its request recorded before this one (<see cref="TracedRequest"/> links them).</summary>
    public RecordedSend? Previous { get; set; }

    /// <summary>True when <paramref name="inner"/> ran inside this send: it began no earlier and ended no later, and
    /// was recorded first (two sends with the same times do not enclose each other).</summary>
    public bool Encloses(RecordedSend inner) => inner.Sequence < Sequence && Began <= inner.Began && inner.Ended <= Ended;

    /// <param name="at">When it began, from the start of its request.</param>
    /// <param name="depth">How many of the request's sends ran around it.</param>
    public TracedSignal ToSignal(TimeSpan at, int depth) =>
        new(Sequence, at, depth, Signal, _sender?.Name ?? "None", _values ??= SignalValues.Values(_args, _redact), _receivers ??= Receivers(), Elapsed);

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

/// <summary>
/// A send as recorded, before anything is formatted: what <see cref="RecordedSend"/> is made of. Kept as it is (no
/// object) for request_started and request_finished, which every request sends, in their request's group. Began and
/// Ended are Stopwatch timestamps; Redact is true outside Development (no exception text, no setting value).
/// </summary>
internal readonly record struct RawSend(
    int Sequence, long Began, long Ended, TimeSpan Elapsed, string Signal, Type? Sender,
    IReadOnlyList<SignalResponse> Responses, IReadOnlyList<TimeSpan> ReceiverElapsed, bool Redact)
{
    public RawSend(int sequence, long began, long ended, SignalSent sent, bool redact)
        : this(sequence, began, ended, sent.Elapsed, sent.Signal.Name, SignalValues.SenderType(sent.Sender), sent.Responses, sent.ReceiverElapsed, redact)
    {
    }

    /// <param name="args">What <see cref="SignalValues.Capture"/> keeps of its arguments.</param>
    public RecordedSend ToRecorded(object args) => new(this, args);
}

/// <summary>The Signals page: its rows, the one to show expanded, whether hidden kinds are shown.</summary>
public sealed record SignalsPageModel(IReadOnlyList<TracedRequest> Requests, string? Expanded, bool All);
