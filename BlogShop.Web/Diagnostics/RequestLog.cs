namespace BlogShop.Web.Diagnostics;

/// <summary>
/// The site's request log line: request id, user, method, path, status and elapsed time. Written by the
/// <c>request_finished</c> receiver <c>LogFinishedRequest</c>, or, with the request signals off and
/// <c>Signals:RequestLogWithoutSignals</c> on, by <see cref="RequestLogMiddleware"/>: one message, so both write the
/// same line.
/// </summary>
internal static partial class RequestLog
{
    /// <summary>Writes the line of a finished request; nothing (not even the request id) is built when the logger
    /// filters Information out.</summary>
    public static void Finished(ILogger logger, HttpContext context, int statusCode, TimeSpan elapsed)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            var request = context.Request;
            Write(logger, context.TraceIdentifier, context.User.Identity?.Name ?? "anonymous", request.Method, request.Path.Value,
                statusCode, elapsed.TotalMilliseconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, SkipEnabledCheck = true,
        Message = "Request {RequestId} by {User}: {Method} {Path} responded {StatusCode} in {ElapsedMs:0.0} ms")]
    private static partial void Write(ILogger logger, string requestId, string user, string method, string? path, int statusCode, double elapsedMs);
}
