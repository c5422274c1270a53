using BlogShop.Domain.Email;
using BlogShop.Domain.Entities;
using BlogShop.Signals;
using BlogShop.Signals.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Domain.Receivers;

/// <summary>
/// When a transaction that added outbox emails commits, the dispatcher is woken so the mail goes out at once rather
/// than at the next poll. Nothing happens on rollback: the rows do not exist then.
/// </summary>
[Receiver]
internal sealed class WakeOutboxDispatcher(OutboxWakeup wakeup) : ISignalReceiver<PostSave<OutboxEmail>>
{
    public ValueTask HandleAsync(object? sender, PostSave<OutboxEmail> args, CancellationToken cancellationToken)
    {
        if (args.Created)
        {
            args.Context.OnCommit(_ =>
            {
                wakeup.Wake();
                return Task.CompletedTask;
            });
        }

        return ValueTask.CompletedTask;
    }
}
