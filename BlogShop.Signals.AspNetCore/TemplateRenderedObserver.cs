using System.Diagnostics;
using Microsoft.AspNetCore.Mvc.Diagnostics;

namespace BlogShop.Signals.AspNetCore;

/// <summary>
/// Turns MVC's <c>Microsoft.AspNetCore.Mvc.AfterView</c> diagnostic event (written by the host's own
/// <see cref="DiagnosticListener"/>, so two hosts never see each other's views) into <c>template_rendered</c>.
/// </summary>
internal sealed class TemplateRenderedObserver(WebSignals signals) : IObserver<KeyValuePair<string, object?>>
{
    public const string EventName = "Microsoft.AspNetCore.Mvc.AfterView";

    /// <summary>
    /// MVC asks before every view whether to build the event: only while <c>template_rendered</c> has a receiver or an
    /// observer, so a view nobody watches costs no event data and no arguments.
    /// </summary>
    public bool IsEnabled(string name) => name == EventName && signals.TemplateRendered.HasAudience;

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Value is not AfterViewEventData data)
        {
            return;
        }

        var context = data.ViewContext.HttpContext;
        var path = data.View.Path;
        signals.TemplateRendered.SendScoped(data.View, new TemplateRenderedArgs(path, data.ViewContext.ViewData.Model, context), context.RequestServices);
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }
}
