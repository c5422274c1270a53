using System.Threading.RateLimiting;
using BlogShop.Domain.Data;
using BlogShop.Domain.Entities;
using BlogShop.Signals;
using BlogShop.Web.Diagnostics;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Serilog;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Everything the site registers, in one place, so Program.cs reads as a table of contents.</summary>
public static class BlogShopWebBuilderExtensions
{
    /// <summary>The rate-limit policy on posting comments and reactions.</summary>
    public const string InteractionsPolicy = "interactions";

    /// <summary>
    /// Registers logging (Serilog, from the <c>Serilog</c> section), Identity on the domain's database, MVC with antiforgery validation on every unsafe request, rate limiting, health checks and the signal
    /// trace of the Signals page. Invalid configuration (an unknown database provider) throws here.
    /// </summary>
    public static WebApplicationBuilder AddBlogShopWeb(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var services = builder.Services;

        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(new LoggerConfiguration().ReadFrom.Configuration(configuration).CreateLogger(), dispose: true);


        var dataFolder = Path.GetFullPath(configuration["DataFolder"] is { Length: > 0 } data ? data : "App_Data", builder.Environment.ContentRootPath);
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataFolder, "keys")));

        services
            .AddIdentity<ApplicationUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredLength = 8;
            })
            .AddEntityFrameworkStores<BlogShopDbContext>()
            .AddDefaultTokenProviders();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/denied";

            // A request the user may not make is answered 403, not with a redirect to a page that says so.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        services.AddControllersWithViews(options =>
        {
            options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());

            // Required fields say so with [Required]; an optional text field left empty binds as "" (see the models).
            options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
        });
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            var limits = configuration.GetSection("RateLimiting:Interactions");
            var permits = limits.GetValue("PermitLimit", 20);
            var window = TimeSpan.FromSeconds(limits.GetValue("WindowSeconds", 60));
            options.AddPolicy(InteractionsPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.Identity?.Name ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 }));
        });
        services.AddHealthChecks().AddDbContextCheck<BlogShopDbContext>("database");

        services.AddHttpContextAccessor();
        services.AddSingleton<SignalTraceRecorder>();
        // Off by default outside Development: recording every send costs each request time and memory.
        if (configuration.GetValue<bool?>("Diagnostics:RecordSignals") ?? builder.Environment.IsDevelopment())
        {
            services.AddSingleton<ISignalObserver>(sp => sp.GetRequiredService<SignalTraceRecorder>());
        }

        return builder;
    }
}
