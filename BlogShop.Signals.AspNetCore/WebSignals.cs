namespace BlogShop.Signals.AspNetCore;

/// <summary>
/// Django's request and framework signals for ASP.NET Core: <c>request_started</c>, <c>request_finished</c>,
/// <c>got_request_exception</c> (sent by the middleware <c>app.UseSignals()</c> adds), <c>setting_changed</c> (sent when
/// the host's configuration reloads) and <c>template_rendered</c> (sent when an MVC view renders).
/// One instance per host, registered by <c>services.AddSignals(s =&gt; s.AddWebSignals())</c>: take it from dependency injection.
/// </summary>
/// <remarks>
/// Receiver classes of the request signals and of <see cref="TemplateRendered"/> are resolved from the request's
/// scope (<c>HttpContext.RequestServices</c>). A receiver that throws from <see cref="RequestStarted"/> or
/// <see cref="TemplateRendered"/> fails the request (as in Django); <see cref="RequestFinished"/>,
/// <see cref="GotRequestException"/> and <see cref="SettingChanged"/> are sent robustly: a failing receiver is logged
/// and the others still run, because there is nothing left for its exception to fail.
/// </remarks>
public sealed class WebSignals
{
    /// <summary>
    /// <c>request_started</c>: a request entered the signals middleware. The sender is <c>typeof(WebSignals)</c>; the
    /// cancellation token async receivers get is the request's <c>HttpContext.RequestAborted</c>.
    /// </summary>
    public Signal<RequestStartedArgs> RequestStarted { get; } = new("request_started");

    /// <summary>
    /// <c>request_finished</c>: the response has completed (sent to the client, or the request ended with an error
    /// response). The sender is <c>typeof(WebSignals)</c>.
    /// </summary>
    public Signal<RequestFinishedArgs> RequestFinished { get; } = new("request_finished");

    /// <summary>
    /// <c>got_request_exception</c>: an unhandled exception escaped the rest of the pipeline; it is rethrown after
    /// the send (so the exception handler page still runs). The sender is <c>typeof(WebSignals)</c>.
    /// </summary>
    public Signal<GotRequestExceptionArgs> GotRequestException { get; } = new("got_request_exception");

    /// <summary>
    /// <c>setting_changed</c>: a configuration value changed, once per changed key, when the configuration reloads
    /// (e.g. appsettings.json edited) or when a test overrides a setting. The sender is the configuration.
    /// </summary>
    public Signal<SettingChangedArgs> SettingChanged { get; } = new("setting_changed");

    /// <summary>
    /// <c>template_rendered</c>: an MVC view (a view result or a partial view result) finished rendering.
    /// The sender is the rendered view.
    /// </summary>
    public Signal<TemplateRenderedArgs> TemplateRendered { get; } = new("template_rendered");
}
