// BlogShop.Web: the table of contents. One line per project; each Add…/Use… method says what it registers.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddBlogShopDomain(builder.Configuration);                      // database, receivers, email, media
builder.Services.AddSignals(s => s.AddWebSignals().AddReceiversFrom(typeof(Program).Assembly)); // web signals, the site's receivers
builder.AddBlogShopWeb();                                                        // logging, Identity, MVC, limits, health
builder.AddBlogShopTelemetry();                                                  // OpenTelemetry: OTLP when OpenTelemetry:Endpoint is set

var app = builder.Build();
app.UseBlogShopWeb();

await app.RunAsync();
