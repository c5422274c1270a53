using System.Threading.Channels;

namespace BlogShop.Domain.Email;

/// <summary>
/// Wakes <see cref="OutboxDispatcher"/> before its next poll (after a commit that added outbox rows). One per host;
/// wake-ups that arrive while one is pending collapse into it.
/// </summary>
public sealed class OutboxWakeup
{
    private readonly Channel<bool> channel = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Asks the dispatcher to look at the outbox now. Never blocks, never throws.</summary>
    public void Wake() => channel.Writer.TryWrite(true);

    /// <summary>Waits for a wake-up or for <paramref name="timeout"/>, whichever comes first.</summary>
    internal async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await channel.Reader.ReadAsync(timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval elapsed: time for a regular look at the outbox.
        }
    }
}
