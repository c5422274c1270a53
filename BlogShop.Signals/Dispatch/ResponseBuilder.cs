using System.Diagnostics;

namespace BlogShop.Signals.Dispatch;

/// <summary>
/// Collects the responses of one send. While every receiver answers null it allocates nothing and the send returns
/// the set's shared all-null list; the first other answer (or a skipped dead receiver) copies what came before into
/// an array of its own. In a watched send (a start timestamp given) it also times each receiver, from the previous
/// answer to this one, for the observers and the telemetry alike; an unwatched send keeps no times.
/// </summary>
internal struct ResponseBuilder<TArgs>
{
    private readonly ReceiverSet<TArgs> _set;
    private readonly TimeSpan[]? _times;
    private SignalResponse[]? _own;
    private int _count;
    private long _stamp;

    public ResponseBuilder(ReceiverSet<TArgs> set, long watchedStart = 0)
    {
        _set = set;
        if (set.NullResponses is null)
        {
            _own = new SignalResponse[set.Entries.Length];
        }

        if (watchedStart != 0)
        {
            _times = new TimeSpan[set.Entries.Length];
            _stamp = watchedStart;
        }
    }

    /// <summary>How long each receiver took, in the order of <see cref="Build"/> (empty when the send is not watched).</summary>
    /// <remarks>When every receiver answered, the send's own array is handed out rather than a copy: nothing writes
    /// to it after the send.</remarks>
    public readonly IReadOnlyList<TimeSpan> Times => _times is null ? [] : _count == _times.Length ? _times : _times[.._count];

    /// <summary>When the last receiver answered (a Stopwatch timestamp); 0 when the send is not watched or none answered.</summary>
    public readonly long LastAnswered => _times is null || _count == 0 ? 0 : _stamp;

    /// <summary>How long the receiver of the last answer took (zero when the send is not watched).</summary>
    public readonly TimeSpan LastElapsed => _times is null || _count == 0 ? TimeSpan.Zero : _times[_count - 1];

    public void Add(string receiver, object? response, Exception? error = null)
    {
        if (_times is not null)
        {
            var now = Stopwatch.GetTimestamp();
            _times[_count] = Stopwatch.GetElapsedTime(_stamp, now);
            _stamp = now;
        }

        if (_own is null)
        {
            if (response is null && error is null)
            {
                // Nothing was skipped yet, so position _count is this receiver's (name, null) in the shared list.
                _count++;
                return;
            }

            Detach();
        }

        _own![_count++] = new SignalResponse(receiver, response, error);
    }

    /// <summary>A receiver was not called (its weak target was collected): the shared list no longer fits.</summary>
    public void Skip()
    {
        if (_times is not null)
        {
            _stamp = Stopwatch.GetTimestamp();
        }

        if (_own is null)
        {
            Detach();
        }
    }

    public readonly IReadOnlyList<SignalResponse> Build()
    {
        if (_own is null)
        {
            return _set.NullResponseList!;
        }

        return _count == _own.Length ? _own : _own[.._count];
    }

    /// <summary>The responses so far and the failing receiver last (for the observers of a send that throws).</summary>
    public IReadOnlyList<SignalResponse> BuildFailed(string receiver, Exception error)
    {
        if (_own is null)
        {
            Detach();
        }

        Add(receiver, error, error);
        return _own![.._count];
    }

    private void Detach()
    {
        _own = new SignalResponse[_set.Entries.Length];
        Array.Copy(_set.NullResponses!, _own, _count);
    }
}
