// BlogShop.Web: the table of contents. What each step registers is in Infrastructure/.
var builder = WebApplication.CreateBuilder(args);
builder.AddBlogShopWeb();

var app = builder.Build();
app.UseBlogShopWeb();

await app.RunAsync();
