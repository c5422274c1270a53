using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace BlogShop.Web.Infrastructure;

/// <summary>
/// Answers 400 to a request whose query string or form holds a NUL character, before model binding: no page needs
/// one, PostgreSQL cannot store or compare text holding it (a 500 otherwise), and SQLite would store it silently.
/// A NUL in the path never gets here: Kestrel refuses it with 400 itself.
/// </summary>
internal sealed class RejectNulCharactersFilter : IAsyncResourceFilter
{
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        if (HasNul(request.Query) || (request.HasFormContentType && HasNul(await request.ReadFormAsync(context.HttpContext.RequestAborted))))
        {
            context.Result = new BadRequestResult();
            return;
        }

        await next();
    }

    private static bool HasNul(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> values)
    {
        foreach (var (key, value) in values)
        {
            if (key.Contains('\0', StringComparison.Ordinal))
            {
                return true;
            }

            foreach (var item in value)
            {
                if (item?.Contains('\0', StringComparison.Ordinal) == true)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
