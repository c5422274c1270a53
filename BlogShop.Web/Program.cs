// BlogShop.Web: the table of contents. One line per project; each Add…/Use… method says what it registers.
// The bootstrap logger records what fails before the host's own Serilog logger (from configuration) exists.
Serilog.Log.Logger = BlogShopLogging.CreateBootstrapLogger();
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.Services.AddBlogShopDomain(builder.Configuration);                      // database, receivers, email, media
    builder.Services.AddSignals(s => s.AddWebSignals().AddReceiversFrom(typeof(Program).Assembly)); // web signals, the site's receivers
    builder.AddBlogShopWeb();                                                        // logging, Identity, MVC, limits, health
    builder.AddBlogShopTelemetry();                                                  // OpenTelemetry: OTLP when OpenTelemetry:Endpoint is set

    var app = builder.Build();
    app.UseBlogShopWeb();

    await app.RunAsync();
}
catch (Exception ex) when (BlogShopLogging.IsStartupFailure(ex))
{
    Serilog.Log.Fatal(ex, "BlogShop stopped: it failed to start or run");
    throw;
}
finally
{
    await Serilog.Log.CloseAndFlushAsync();
}
