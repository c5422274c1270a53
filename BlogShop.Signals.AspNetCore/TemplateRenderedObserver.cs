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

    public static bool IsEnabled(string name) => name == EventName;

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
