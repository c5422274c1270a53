using BlogShop.Signals;
using Microsoft.Extensions.DependencyInjection;

// A custom signal: its argument type is its identity, so receivers name the type, never a string.
using var services = new ServiceCollection()
    .AddSingleton(Console.Out)
    .AddSignals(s => s.AddSignal<OrderPlaced>("order_placed").AddReceiver<PrintReceipt>())
    .BuildServiceProvider();

var orderPlaced = services.GetRequiredService<Signal<OrderPlaced>>();
orderPlaced.Connect((OrderPlaced e) => Console.WriteLine($"delegate: order {e.OrderId}"), order: 1);

var responses = await orderPlaced.SendAsync(sender: null, new OrderPlaced(42, 99.90m));
Console.WriteLine($"receivers: {string.Join(", ", responses.Select(r => r.Receiver))}");

public sealed record OrderPlaced(int OrderId, decimal Total);

public sealed class PrintReceipt(TextWriter output) : ISignalReceiver<OrderPlaced>
{
    public ValueTask HandleAsync(object? sender, OrderPlaced args, CancellationToken cancellationToken)
    {
        output.WriteLine($"receipt: order {args.OrderId}, total {args.Total.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        return ValueTask.CompletedTask;
    }
}
