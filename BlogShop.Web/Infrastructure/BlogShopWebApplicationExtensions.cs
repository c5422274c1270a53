using BlogShop.Domain.Media;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>The site's request pipeline, in order.</summary>
public static class BlogShopWebApplicationExtensions
{
    /// <summary>
    /// Error handling (a friendly page with the request id outside Development), the request signals (unless
    /// <c>Signals:RequestSignals</c> is false), static files and
    /// uploaded media, authentication, rate limiting, the health endpoint (<c>/health</c>) and the MVC routes.
    /// </summary>
    public static WebApplication UseBlogShopWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/status/{0}");
        if (app.Configuration.GetValue("Signals:RequestSignals", defaultValue: true))
        {
            app.UseSignals();
        }

        app.UseMediaFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapHealthChecks("/health");
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
