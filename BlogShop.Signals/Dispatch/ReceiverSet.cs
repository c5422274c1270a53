using System.Collections.ObjectModel;

namespace BlogShop.Signals.Dispatch;

/// <summary>The receivers one send calls, in order, with the answer a send gets when none of them returns anything.</summary>
internal sealed class ReceiverSet<TArgs>
{
    public static readonly ReceiverSet<TArgs> Empty = new([], reused: false);

    /// <param name="entries">The receivers, sorted.</param>
    /// <param name="reused">True when the set outlives one send (the signal's full list, a cached per-sender list):
    /// then the all-null answer is built once here and every send whose receivers all answer null returns it
    /// without allocating.</param>
    public ReceiverSet(ReceiverEntry<TArgs>[] entries, bool reused)
    {
        Entries = entries;
        if (reused && entries.Length > 0)
        {
            var nulls = new SignalResponse[entries.Length];
            for (var i = 0; i < entries.Length; i++)
            {
                nulls[i] = new SignalResponse(entries[i].Name, null);
            }

            NullResponses = nulls;
            NullResponseList = new ReadOnlyCollection<SignalResponse>(nulls);
            Combined = Combine(entries);
        }
    }

    /// <summary>
    /// When every receiver is a strong <c>Action</c>, all of them as one multicast delegate: calling it is exactly the
    /// plain send (each in order, the first exception propagates and stops the rest), at the cost of a plain delegate.
    /// </summary>
    public Action<object?, TArgs>? Combined { get; }

    public ReceiverEntry<TArgs>[] Entries { get; }

    /// <summary>(name, null) for every receiver; null for a set used by one send only.</summary>
    public SignalResponse[]? NullResponses { get; }

    /// <summary>A read-only view of <see cref="NullResponses"/>, safe to hand to every caller.</summary>
    public IReadOnlyList<SignalResponse>? NullResponseList { get; }

    private static Action<object?, TArgs>? Combine(ReceiverEntry<TArgs>[] entries)
    {
        var actions = new Delegate[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            // Delegate.Combine needs one exact type: a contravariant Action<object?, TBase> connected here does not qualify.
            if (entries[i].Action is not { } action || action.GetType() != typeof(Action<object?, TArgs>))
            {
                return null;
            }

            actions[i] = action;
        }

        return (Action<object?, TArgs>?)Delegate.Combine(actions);
    }
}
