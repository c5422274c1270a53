using System.Threading.RateLimiting;
using BlogShop.Domain.Data;
using BlogShop.Domain.Entities;
using BlogShop.Signals;
using BlogShop.Web.Diagnostics;
using BlogShop.Web.Infrastructure;
using BlogShop.Web.Receivers;
using BlogShop.Web.Security;
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
    /// Registers logging (Serilog, from the <c>Serilog</c> section), data-protection keys in the database, Identity on the domain's database, MVC with antiforgery validation on every unsafe request, rate limiting, health checks and the signal
    /// trace of the Signals page. Invalid configuration (an unknown database provider) throws here.
    /// </summary>
    public static WebApplicationBuilder AddBlogShopWeb(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var services = builder.Services;

        // This host's own logger (the static one stays the bootstrap logger: two hosts in one process keep theirs);
        // sinks registered as ILogEventSink services are added to those the configuration names.
        services.AddSerilog((sp, logger) => logger.ReadFrom.Configuration(configuration).ReadFrom.Services(sp), preserveStaticLogger: true);

        // Keys in the database, under one application name: every instance on the database reads every cookie.
        services.AddDataProtection().SetApplicationName("BlogShop").PersistKeysToDbContext<BlogShopDbContext>();

        services
            .AddIdentity<ApplicationUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequireNonAlphanumeric = false;
            })
            .AddEntityFrameworkStores<BlogShopDbContext>()
            .AddUserValidator<DeliverableEmailValidator>()
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
            options.Filters.Add(new BlogShop.Web.Infrastructure.RejectNulCharactersFilter());

            // Route values first: a posted field named like a route value ("slug", "id") must not replace it.
            var route = options.ValueProviderFactories.OfType<Microsoft.AspNetCore.Mvc.ModelBinding.RouteValueProviderFactory>().Single();
            options.ValueProviderFactories.Remove(route);
            options.ValueProviderFactories.Insert(0, route);

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
        services.AddHealthChecks().AddDbContextCheck<BlogShopDbContext>("database", tags: [HealthEndpoints.ReadyTag]);
        services.AddAuthorizationBuilder().AddPolicy(HealthEndpoints.ReadyPolicy, HealthEndpoints.LoopbackOrStaff);
        builder.AddBlogShopSecurity();
        services.AddBlogShopShopAndAccounts();

        services.AddSingleton<BlogShop.Web.Uploads.MediaUrls>();
        services.AddHttpContextAccessor();

        // The request receivers keep no state: as singletons, one instance each serves every request instead of one
        // resolved in each request's scope (the signals honour the lifetime a receiver class is registered with).
        services.AddSingleton<LogFinishedRequest>();
        services.AddSingleton<LogFailedRequest>();
        var recordSignals = configuration.GetValue<bool?>("Diagnostics:RecordSignals") ?? builder.Environment.IsDevelopment();
        services.AddSingleton(sp => new SignalTraceRecorder(sp.GetRequiredService<IHttpContextAccessor>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IHostEnvironment>())
        {
            IsRecording = recordSignals,
        });
        if (recordSignals)
        {
            services.AddSingleton<ISignalObserver>(sp => sp.GetRequiredService<SignalTraceRecorder>());
        }

        return builder;
    }
}
