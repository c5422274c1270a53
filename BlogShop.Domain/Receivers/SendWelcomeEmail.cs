using BlogShop.Domain.Entities;
using BlogShop.Signals;
using BlogShop.Signals.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlogShop.Domain.Receivers;

/// <summary>
/// A new user (not a fixture) with an email gets a welcome email, through the outbox: the row is added in pre_save and
/// written with the user, in one transaction. The link is absolute (<see cref="SiteOptions.BaseUrl"/>).
/// </summary>
[Receiver]
internal sealed class SendWelcomeEmail(TimeProvider time, IOptions<SiteOptions> site) : ISignalReceiver<PreSave<ApplicationUser>>
{
    public ValueTask HandleAsync(object? sender, PreSave<ApplicationUser> args, CancellationToken cancellationToken)
    {
        if (args is { Created: true, Raw: false, Instance: { Email: { Length: > 0 } email } user })
        {
            var body = $"""
                Hello {user.DisplayName},

                welcome to BlogShop! Your account "{user.UserName}" is ready, and so is your profile: add a picture and
                a few words about yourself whenever you like: {site.Value.Absolute(Links.Profile)}

                The BlogShop team
                """;
            args.Context.Add(OutboxEmail.Create(email, "Welcome to BlogShop", body, time.GetUtcNow().UtcDateTime));
        }

        return ValueTask.CompletedTask;
    }
}
