using System.Diagnostics;
using BlogShop.Signals;
using BlogShop.Signals.AspNetCore;
using BlogShop.Tests.Signals;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Diagnostics;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewEngines;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BlogShop.Tests.Web.Signals;

/// <summary>
/// The view event as MVC writes it to the host's DiagnosticListener; the end-to-end tests render real Razor views.
/// </summary>
[Collection(UnwatchedSends.Name)]
public class TemplateRenderedTests
{
    [Fact]
    public async Task An_AfterView_event_of_the_host_sends_template_rendered_with_the_view_name_and_model()
    {
        await using var app = await SignalsTestHost.StartAsync();
        TemplateRenderedArgs? rendered = null;
        object? renderedBy = null;
        app.Services.GetRequiredService<WebSignals>().TemplateRendered.Connect((sender, e) => (renderedBy, rendered) = (sender, e));
        var view = new StubView("/Views/Books/Index.cshtml");
        var model = new { Title = "Dune" };

        WriteAfterView(app.Services.GetRequiredService<DiagnosticListener>(), view, model, app.Services);

        Assert.Same(view, renderedBy);
        Assert.Equal("/Views/Books/Index.cshtml", rendered?.ViewName);
        Assert.Same(model, rendered?.Model);
    }

    [Fact]
    public async Task Another_hosts_view_events_are_not_seen()
    {
        await using var app = await SignalsTestHost.StartAsync();
        await using var other = await SignalsTestHost.StartAsync();
        var rendered = 0;
        var renderedByOther = 0;
        app.Services.GetRequiredService<WebSignals>().TemplateRendered.Connect((_, _) => rendered++);
        other.Services.GetRequiredService<WebSignals>().TemplateRendered.Connect((_, _) => renderedByOther++);

        WriteAfterView(other.Services.GetRequiredService<DiagnosticListener>(), new StubView("/Views/Home/Index.cshtml"), null, other.Services);

        Assert.Equal(0, rendered);
        Assert.Equal(1, renderedByOther);
    }

    [Fact]
    public async Task MVC_is_told_to_skip_the_view_event_while_template_rendered_has_no_receiver()
    {
        await using var app = await SignalsTestHost.StartAsync();
        var listener = app.Services.GetRequiredService<DiagnosticListener>();
        var signal = app.Services.GetRequiredService<WebSignals>().TemplateRendered;

        var enabledBefore = listener.IsEnabled(AfterViewEventData.EventName);
        signal.Connect((_, _) => { }, dispatchUid: "watch");
        var enabledWhileConnected = listener.IsEnabled(AfterViewEventData.EventName);
        signal.Disconnect(dispatchUid: "watch");

        Assert.False(enabledBefore);
        Assert.True(enabledWhileConnected);
        Assert.False(listener.IsEnabled(AfterViewEventData.EventName));
    }

    private static void WriteAfterView(DiagnosticListener listener, IView view, object? model, IServiceProvider services)
    {
        var http = new DefaultHttpContext { RequestServices = services };
        var viewData = new ViewDataDictionary(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { Model = model };
        var context = new ViewContext(
            new ActionContext(http, new RouteData(), new ActionDescriptor()), view, viewData, new TempDataDictionary(http, new NullTempDataProvider()),
            TextWriter.Null, new HtmlHelperOptions());
        listener.Write(AfterViewEventData.EventName, new AfterViewEventData(view, context));
    }

    private sealed class StubView(string path) : IView
    {
        public string Path => path;

        public Task RenderAsync(ViewContext context) => Task.CompletedTask;
    }

    private sealed class NullTempDataProvider : ITempDataProvider
    {
        public IDictionary<string, object> LoadTempData(HttpContext context) => new Dictionary<string, object>();

        public void SaveTempData(HttpContext context, IDictionary<string, object> values)
        {
        }
    }
}
