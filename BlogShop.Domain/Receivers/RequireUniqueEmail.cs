using BlogShop.Domain.Entities;
using BlogShop.Signals;
using BlogShop.Signals.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Domain.Receivers;

/// <summary>
/// A user's email must not be used by another user, compared case-insensitively: saving a duplicate throws
/// <see cref="DomainValidationException"/> before anything is written. Checked on insert and when the email changes;
/// runs before the other pre_save receivers of users (Order -100), so nothing is added for a rejected user.
/// </summary>
[Receiver(Order = -100)]
internal sealed class RequireUniqueEmail : ISignalReceiver<PreSave<ApplicationUser>>
{
    public async ValueTask HandleAsync(object? sender, PreSave<ApplicationUser> args, CancellationToken cancellationToken)
    {
        if (!args.HasChanged(nameof(ApplicationUser.Email)))
        {
            return;
        }

        var user = args.Instance;
        // Identity's normalization (upper invariant). Keeping NormalizedEmail in step also lets the unique index on it
        // back this check when two saves race.
        var email = user.Email;
        var normalized = string.IsNullOrEmpty(email) ? null : email.ToUpperInvariant();
        user.NormalizedEmail = normalized;
        if (normalized is null)
        {
            return;
        }

        var db = args.Context;
        var pendingDuplicate = db.ChangeTracker.Entries<ApplicationUser>().Any(e =>
            !ReferenceEquals(e.Entity, user) && e.State is EntityState.Added or EntityState.Modified &&
            string.Equals(e.Entity.Email, email, StringComparison.OrdinalIgnoreCase));
        var storedDuplicate = pendingDuplicate || await db.Set<ApplicationUser>()
            .AnyAsync(u => u.Id != user.Id && u.NormalizedEmail == normalized, cancellationToken).ConfigureAwait(false);
        if (storedDuplicate)
        {
            throw new DomainValidationException(nameof(ApplicationUser.Email), $"The email '{email}' is already used by another account.");
        }
    }
}
