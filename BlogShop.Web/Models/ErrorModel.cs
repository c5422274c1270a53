namespace BlogShop.Web.Models;

/// <summary>What the error page shows: the request id to quote to support, never the exception.</summary>
public sealed record ErrorModel(string RequestId, int StatusCode);
