using BlogShop.Web.Models;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace BlogShop.Web.Controllers;

/// <summary>The error pages: no stack trace, only the request id (which the logs carry too).</summary>
public sealed class HomeController : Controller
{
    [Route("/error"), ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
    public IActionResult Error() => View(new ErrorModel(RequestId(), StatusCodes.Status500InternalServerError));

    [Route("/status/{code:int}"), ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
    public IActionResult Status(int code)
    {
        // Only the re-execution after an error status renders this page; a direct visit is simply not found.
        if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is null)
        {
            return NotFound();
        }

        return View(new ErrorModel(RequestId(), code));
    }

    /// <summary>The id the request log lines carry (see LogFinishedRequest / LogFailedRequest).</summary>
    private string RequestId() => HttpContext.TraceIdentifier;
}
