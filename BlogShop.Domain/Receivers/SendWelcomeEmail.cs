using BlogShop.Domain.Entities;
using BlogShop.Signals;
using BlogShop.Signals.EntityFrameworkCore;

namespace BlogShop.Domain.Receivers;

/// <summary>
/// A new user (not a fixture) with an email gets a welcome email, through the outbox: the row is added in pre_save so
/// it is written in the same transaction as the user (see <see cref="CreateProfileForNewUser"/>).
/// </summary>
[Receiver]
internal sealed class SendWelcomeEmail(TimeProvider time) : ISignalReceiver<PreSave<ApplicationUser>>
{
    public ValueTask HandleAsync(object? sender, PreSave<ApplicationUser> args, CancellationToken cancellationToken)
    {
        if (args is { Created: true, Raw: false, Instance: { Email: { Length: > 0 } email } user })
        {
            var body = $"""
                Hello {user.DisplayName},

                welcome to BlogShop! Your account "{user.UserName}" is ready, and so is your profile: add a picture and
                a few words about yourself whenever you like.

                The BlogShop team
                """;
            args.Context.Add(OutboxEmail.Create(email, "Welcome to BlogShop", body, time.GetUtcNow().UtcDateTime));
        }

        return ValueTask.CompletedTask;
    }
}
