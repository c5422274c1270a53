using BlogShop.Signals;
using BlogShop.Signals.AspNetCore;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the request signals to an ASP.NET Core pipeline.</summary>
public static class SignalsApplicationBuilderExtensions
{
    /// <summary>
    /// Sends <see cref="WebSignals.RequestStarted"/> when a request reaches this point of the pipeline,
    /// <see cref="WebSignals.GotRequestException"/> when an exception escapes the rest of the pipeline (the exception is
    /// then rethrown unchanged), and <see cref="WebSignals.RequestFinished"/> once the response has completed.
    /// Place it after <c>UseExceptionHandler</c> so that handler still sees the exception; a re-execution of a failed
    /// request (an exception, or a status of 400 or more: the error page, a status code page) sends no second set of signals.
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>services.AddSignals(s =&gt; s.AddWebSignals())</c> was not called for this host.</exception>
    public static IApplicationBuilder UseSignals(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ApplicationServices.GetService<WebSignals>() is null)
        {
            throw new InvalidOperationException("app.UseSignals() needs the signals: call services.AddSignals(s => s.AddWebSignals()) first.");
        }

        return app.UseMiddleware<RequestSignalsMiddleware>();
    }
}
