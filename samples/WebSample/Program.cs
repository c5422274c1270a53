using BlogShop.Signals;
using BlogShop.Signals.AspNetCore;
using BlogShop.Signals.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using WebSample;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton<Journal>();
builder.Services.AddSignals(s => s
    .AddModelSignals()
    .AddWebSignals()
    .AddReceiver<ConfirmOrder>()
    .AddReceiver<ShipOrderAfterCommit>()
    .AddReceiver<RecordRequest>());
var connectionString = builder.Configuration.GetConnectionString("Shop") ?? "Data Source=shop.db";
builder.Services.AddDbContext<ShopContext>((sp, options) => options.UseSqlite(connectionString).UseSignals(sp));

var app = builder.Build();
app.UseSignals();
await using (var scope = app.Services.CreateAsyncScope())
{
    await scope.ServiceProvider.GetRequiredService<ShopContext>().Database.MigrateAsync();
}

app.MapPost("/orders", async (string item, ShopContext db, CancellationToken ct) =>
{
    var order = new Order { Item = item };
    db.Orders.Add(order);
    await db.SaveChangesAsync(ct);
    return Results.Created($"/orders/{order.Id}", order.Id);
});
app.MapGet("/journal", (Journal journal) => journal.Lines);

await app.RunAsync();

namespace WebSample
{
    public sealed class Order
    {
        public int Id { get; set; }

        public required string Item { get; set; }
    }

    public sealed class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
    {
        public DbSet<Order> Orders => Set<Order>();
    }

    /// <summary>What the receivers did, for the sample's /journal endpoint.</summary>
    public sealed class Journal
    {
        private readonly Lock _gate = new();
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_gate)
                {
                    return [.. _lines];
                }
            }
        }

        public void Add(string line)
        {
            lock (_gate)
            {
                _lines.Add(line);
            }
        }
    }

    /// <summary>post_save of orders: the argument type says which signal and which sender; Instance is an Order.</summary>
    public sealed class ConfirmOrder(Journal journal) : ISignalReceiver<PostSave<Order>>
    {
        public ValueTask HandleAsync(object? sender, PostSave<Order> args, CancellationToken cancellationToken)
        {
            journal.Add($"post_save: order {args.Instance.Id} ({args.Instance.Item}), created={args.Created}");
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Runs only once the transaction that saved the order has committed.</summary>
    [Receiver(OnCommit = true)]
    public sealed class ShipOrderAfterCommit(Journal journal) : ISignalReceiver<PostSave<Order>>
    {
        public ValueTask HandleAsync(object? sender, PostSave<Order> args, CancellationToken cancellationToken)
        {
            journal.Add($"after commit: ship order {args.Instance.Id}");
            return ValueTask.CompletedTask;
        }
    }

    public sealed class RecordRequest(Journal journal) : ISignalReceiver<RequestFinishedArgs>
    {
        public ValueTask HandleAsync(object? sender, RequestFinishedArgs args, CancellationToken cancellationToken)
        {
            journal.Add($"request_finished: {args.HttpContext.Request.Method} {args.HttpContext.Request.Path} {args.HttpContext.Response.StatusCode}");
            return ValueTask.CompletedTask;
        }
    }
}
