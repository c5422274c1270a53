using Microsoft.AspNetCore.Http;

namespace BlogShop.Signals.AspNetCore;

/// <summary>Arguments of <c>request_started</c>.</summary>
/// <param name="HttpContext">The request.</param>
public sealed record RequestStartedArgs(HttpContext HttpContext);

/// <summary>Arguments of <c>request_finished</c>.</summary>
/// <param name="HttpContext">The request; its response status code is final.</param>
/// <param name="Elapsed">The time from <c>request_started</c> until the response completed.</param>
public sealed record RequestFinishedArgs(HttpContext HttpContext, TimeSpan Elapsed);

/// <summary>Arguments of <c>got_request_exception</c>.</summary>
/// <param name="HttpContext">The request that failed.</param>
/// <param name="Exception">The unhandled exception.</param>
public sealed record GotRequestExceptionArgs(HttpContext HttpContext, Exception Exception);

/// <summary>Arguments of <c>setting_changed</c> (Django's <c>setting</c>, <c>value</c>, <c>enter</c>).</summary>
/// <param name="Setting">The configuration key, e.g. <c>Media:Root</c>.</param>
/// <param name="Value">The value now in effect; null when the key was removed.</param>
/// <param name="Enter">False only when a test's override ends and the previous value returns.</param>
public sealed record SettingChangedArgs(string Setting, string? Value, bool Enter = true);

/// <summary>Arguments of <c>template_rendered</c>.</summary>
/// <param name="ViewName">The view's path, e.g. <c>/Views/Articles/Details.cshtml</c>.</param>
/// <param name="Model">The view's model; null when it has none.</param>
/// <param name="HttpContext">The request the view rendered for.</param>
public sealed record TemplateRenderedArgs(string ViewName, object? Model, HttpContext HttpContext);
