namespace BlogShop.Signals.Dispatch;

/// <summary>
/// Collects the responses of one send. While every receiver answers null it allocates nothing and the send returns
/// the set's shared all-null list; the first other answer (or a skipped dead receiver) copies what came before into
/// an array of its own.
/// </summary>
internal struct ResponseBuilder<TArgs>
{
    private readonly ReceiverSet<TArgs> _set;
    private SignalResponse[]? _own;
    private int _count;

    public ResponseBuilder(ReceiverSet<TArgs> set)
    {
        _set = set;
        if (set.NullResponses is null)
        {
            _own = new SignalResponse[set.Entries.Length];
        }
    }

    public void Add(string receiver, object? response, Exception? error = null)
    {
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

    private void Detach()
    {
        _own = new SignalResponse[_set.Entries.Length];
        Array.Copy(_set.NullResponses!, _own, _count);
    }
}
