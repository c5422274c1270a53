using BlogShop.Domain.Media;
using BlogShop.Web.Diagnostics;
using BlogShop.Web.Security;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>The site's request pipeline, in order.</summary>
public static class BlogShopWebApplicationExtensions
{
    /// <summary>
    /// Error handling (a friendly page with the request id outside Development), the request signals (unless
    /// <c>Signals:RequestSignals</c> is false; then the request log line comes from a plain middleware if
    /// <c>Signals:RequestLogWithoutSignals</c> is true), static files and uploaded media, authentication, rate limiting, the
    /// health endpoints (<c>/health/live</c>, <c>/health/ready</c>) and the MVC routes. The hardening (forwarded
    /// headers, security headers, HSTS) comes first.
    /// </summary>
    public static WebApplication UseBlogShopWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseBlogShopSecurity();
        var requestSignals = app.Configuration.GetValue("Signals:RequestSignals", defaultValue: true);
        if (!requestSignals && app.Configuration.GetValue("Signals:RequestLogWithoutSignals", defaultValue: false))
        {
            app.UseMiddleware<RequestLogMiddleware>();
        }

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
        }

        app.UseStatusCodePagesWithReExecute("/status/{0}");
        if (requestSignals)
        {
            app.UseSignals();
        }

        app.UseMediaFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseSignInRateLimits();
        app.MapHealthEndpoints();
        app.MapStaticAssets();
        app.MapControllerRoute("default", "{controller=Articles}/{action=Index}/{id?}").WithStaticAssets();
        return app;
    }

    /// <summary>Serves the media folder under <c>/media</c>, with the content type of each file's extension.</summary>
    private static void UseMediaFiles(this WebApplication app)
    {
        var root = app.Services.GetRequiredService<IOptions<MediaOptions>>().Value.Root;
        Directory.CreateDirectory(root);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(root),
            RequestPath = "/media",
            OnPrepareResponse = context => context.Context.Response.Headers.XContentTypeOptions = "nosniff",
        });
    }
}
