using System.Collections.Concurrent;
using System.Net;
using BlogShop.Signals;
using BlogShop.Signals.AspNetCore;
using BlogShop.Tests.Web.Signals;

namespace BlogShop.Tests.Web.EndToEnd;

public sealed class RequestSignalsEndToEndTests(BlogShopFactory factory) : IClassFixture<BlogShopFactory>
{
    [Fact]
    public async Task A_page_request_sends_request_started_template_rendered_and_request_finished_in_order()
    {
        using var session = factory.NewSession();
        _ = await session.GetPageAsync("/books");
        var events = new ConcurrentQueue<string>();
        var signals = factory.Signals;
        Action<object?, RequestStartedArgs> started = (_, e) => Record(events, e.HttpContext.Request.Path, "request_started");
        Action<object?, TemplateRenderedArgs> rendered = (_, e) => Record(events, e.HttpContext.Request.Path, $"template_rendered {e.ViewName}");
        Action<object?, RequestFinishedArgs> finished = (_, e) => Record(events, e.HttpContext.Request.Path, $"request_finished {e.HttpContext.Response.StatusCode}");
        signals.RequestStarted.Connect(started);
        signals.TemplateRendered.Connect(rendered);
        signals.RequestFinished.Connect(finished);
        try
        {
            _ = await session.GetPageAsync("/books?probe=1");
            await Eventually.TrueAsync(() => events.Any(e => e.StartsWith("request_finished", StringComparison.Ordinal)));
        }
        finally
        {
            signals.RequestStarted.Disconnect(started);
            signals.TemplateRendered.Disconnect(rendered);
            signals.RequestFinished.Disconnect(finished);
        }

        Assert.Equal(["request_started", "template_rendered /Views/Books/Index.cshtml", "request_finished 200"], events);
    }

    [Fact]
    public async Task A_failing_request_sends_got_request_exception_and_shows_the_error_page_with_the_request_id_and_no_stack_trace()
    {
        using var session = factory.NewSession();
        var failures = new ConcurrentQueue<(string Path, string Message, string RequestId)>();
        Action<object?, GotRequestExceptionArgs> receiver = (_, e) => failures.Enqueue((e.HttpContext.Request.Path, e.Exception.Message, e.HttpContext.TraceIdentifier));
        factory.Signals.GotRequestException.Connect(receiver);
        HttpResponseMessage response;
        try
        {
            response = await session.Client.GetAsync(new Uri("/test-only/fail", UriKind.Relative));
        }
        finally
        {
            factory.Signals.GotRequestException.Disconnect(receiver);
        }

        using (response)
        {
            var failure = Assert.Single(failures);
            Assert.Equal(("/test-only/fail", "The test page failed on purpose."), (failure.Path, failure.Message));
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            var page = await response.Content.ReadAsStringAsync();
            Assert.Contains($"<code id=\"request-id\">{failure.RequestId}</code>", page, StringComparison.Ordinal);
            Assert.DoesNotContain("InvalidOperationException", page, StringComparison.Ordinal);
            Assert.DoesNotContain("failed on purpose", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Template_rendered_names_the_view_and_carries_its_model()
    {
        using var session = factory.NewSession();
        await session.RegisterAsync("viewer");
        var views = new ConcurrentQueue<TemplateRenderedArgs>();
        Action<object?, TemplateRenderedArgs> receiver = (_, e) =>
        {
            if (e.HttpContext.Request.Path == "/profile/edit")
            {
                views.Enqueue(e);
            }
        };
        factory.Signals.TemplateRendered.Connect(receiver);
        try
        {
            _ = await session.GetPageAsync("/profile/edit");
        }
        finally
        {
            factory.Signals.TemplateRendered.Disconnect(receiver);
        }

        var view = Assert.Single(views);
        Assert.Equal("/Views/Profile/Edit.cshtml", view.ViewName);
        Assert.Equal("Ada", Assert.IsType<BlogShop.Web.Models.ProfileEditModel>(view.Model).FirstName);
    }

    /// <summary>Other tests of this class may run requests meanwhile: keep only the probed request.</summary>
    private static void Record(ConcurrentQueue<string> events, string? path, string text)
    {
        if (path == "/books")
        {
            events.Enqueue(text);
        }
    }
}
