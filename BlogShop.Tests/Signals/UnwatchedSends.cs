namespace BlogShop.Tests.Signals;

/// <summary>
/// Tests that measure an unwatched send (its allocations) run alone: the library's telemetry is process-wide (an
/// <c>ActivitySource</c> and a <c>Meter</c>), so a test host with tracing or metrics on, running at the same time in
/// another class, would make every send of every host watched. The same holds for the view event: OpenTelemetry's
/// ASP.NET Core instrumentation subscribes to every host's <c>Microsoft.AspNetCore</c> DiagnosticListener in the
/// process, which then reports the event enabled whatever template_rendered's receivers.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class UnwatchedSends
{
    public const string Name = "Unwatched sends (no process-wide telemetry listener)";
}
