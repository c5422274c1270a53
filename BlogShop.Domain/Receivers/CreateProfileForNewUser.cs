using BlogShop.Domain.Entities;
using BlogShop.Signals;
using BlogShop.Signals.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Domain.Receivers;

/// <summary>
/// Every user has a billing profile (Django's <c>create_profile</c> / <c>save_user_profile</c>): a new user gets one
/// with the default bio and picture; saving an existing user that lacks one (created before this receiver, or loaded
/// raw) adds it. Raw saves (fixtures) are left alone: fixtures carry their own profiles.
/// </summary>
/// <remarks>
/// post_save, as in Django. post_save runs inside the transaction that writes the user, and what its receivers add is
/// saved before that transaction commits: a user is never stored without a profile, and a failure stores neither.
/// </remarks>
[Receiver]
internal sealed class CreateProfileForNewUser : ISignalReceiver<PostSave<ApplicationUser>>
{
    public async ValueTask HandleAsync(object? sender, PostSave<ApplicationUser> args, CancellationToken cancellationToken)
    {
        var user = args.Instance;
        if (args.Raw || user.Profile is not null)
        {
            return;
        }

        var db = args.Context;
        var tracked = db.ChangeTracker.Entries<BillingProfile>()
            .Any(e => e.Entity.UserId == user.Id && e.State != EntityState.Deleted);
        if (tracked || (!args.Created && await db.Set<BillingProfile>().AnyAsync(p => p.UserId == user.Id, cancellationToken).ConfigureAwait(false)))
        {
            return;
        }

        db.Add(new BillingProfile { UserId = user.Id });
    }
}
