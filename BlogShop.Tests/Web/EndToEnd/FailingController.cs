using Microsoft.AspNetCore.Mvc;

namespace BlogShop.Tests.Web.EndToEnd;

/// <summary>A page that fails, added to the site under test only (BlogShopFactory adds this assembly's controllers).</summary>
[Route("test-only")]
public sealed class FailingController : Controller
{
    [HttpGet("fail")]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "MVC actions are instance methods.")]
    public IActionResult Fail() => throw new InvalidOperationException("The test page failed on purpose.");
}
