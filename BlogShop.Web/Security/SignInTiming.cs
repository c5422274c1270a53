using BlogShop.Domain.Entities;
using Microsoft.AspNetCore.Identity;

namespace BlogShop.Web.Security;

/// <summary>
/// Makes a failed sign-in cost the same whatever the reason. Checking a password against its hash is the slow part of
/// a sign-in (tens of milliseconds, on purpose); Identity skips it for an unknown user and for a locked-out or not
/// allowed account, so the answer time would tell which accounts exist. <see cref="CheckAgainstNothing"/> does the
/// same work, with the same hasher, against a hash of a random password.
/// </summary>
public sealed class SignInTiming(IPasswordHasher<ApplicationUser> hasher, SignInTiming.NobodysHash nobodysHash)
{
    private static readonly ApplicationUser Nobody = new() { UserName = "nobody" };

    /// <summary>Verifies <paramref name="password"/> against a hash nobody knows the password of; never succeeds.</summary>
    public void CheckAgainstNothing(string password) => hasher.VerifyHashedPassword(Nobody, nobodysHash.Get(hasher), password);

    /// <summary>The hash of a random password, made once per app by the first sign-in that needs it.</summary>
    public sealed class NobodysHash
    {
        private string? _hash;

        internal string Get(IPasswordHasher<ApplicationUser> hasher) =>
            LazyInitializer.EnsureInitialized(ref _hash, () => hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N")));
    }
}
