using BlogShop.Signals;
using BlogShop.Signals.AspNetCore;
using BlogShop.Signals.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlogShop.Tests.Signals.Analyzers;

/// <summary>Every receiver declaration the host connects raises nothing: the analyzer never fails a build the runtime
/// would start.</summary>
public sealed class AcceptedReceiverTests
{
    [Fact]
    public async Task Receiver_classes_of_every_kind_the_host_connects_raise_nothing()
    {
        const string Receivers = """
            [Receiver]
            public sealed class RecordPing : ISignalReceiver<Ping>
            {
                public ValueTask HandleAsync(object? sender, Ping args, CancellationToken cancellationToken) => default;
            }

            [Receiver(Sender = typeof(Article), Order = -10, DispatchUid = "first")]
            [Receiver(Sender = typeof(Comment))]
            internal sealed record RecordPingFromSenders : ISignalReceiver<Ping>
            {
                public async ValueTask HandleAsync(object? sender, Ping args, CancellationToken cancellationToken) => await Task.Yield();
            }

            [Receiver(OnCommit = true)]
            public sealed class ShipOrder : ISignalReceiver<PostSave<Comment>>, ISignalReceiver<PostDelete>
            {
                public ValueTask HandleAsync(object? sender, PostSave<Comment> args, CancellationToken cancellationToken) => default;

                public ValueTask HandleAsync(object? sender, PostDelete args, CancellationToken cancellationToken) => default;
            }

            [Receiver(Sender = typeof(Article))]
            public sealed class SameSenderAsTheArguments : ISignalReceiver<PreSave<Article>>
            {
                public ValueTask HandleAsync(object? sender, PreSave<Article> args, CancellationToken cancellationToken) => default;
            }

            [Receiver(Sender = typeof(Comment))]
            public sealed class ManyToMany : ISignalReceiver<M2MChangedArgs>, ISignalReceiver<PreInit<Comment>>, ISignalReceiver<PostMigrate>
            {
                public ValueTask HandleAsync(object? sender, M2MChangedArgs args, CancellationToken cancellationToken) => default;

                public ValueTask HandleAsync(object? sender, PreInit<Comment> args, CancellationToken cancellationToken) => default;

                public ValueTask HandleAsync(object? sender, PostMigrate args, CancellationToken cancellationToken) => default;
            }

            [Receiver]
            public sealed class LogRequests : ISignalReceiver<RequestFinishedArgs>, ISignalReceiver<GotRequestExceptionArgs>
            {
                public ValueTask HandleAsync(object? sender, RequestFinishedArgs args, CancellationToken cancellationToken) => default;

                public ValueTask HandleAsync(object? sender, GotRequestExceptionArgs args, CancellationToken cancellationToken) => default;
            }

            public abstract class ReceiverBase : ISignalReceiver<Ping>
            {
                public ValueTask HandleAsync(object? sender, Ping args, CancellationToken cancellationToken) => default;
            }

            [Receiver]
            public sealed class InheritsItsInterface : ReceiverBase;

            public static class Outer
            {
                [Receiver]
                private sealed class Nested : ISignalReceiver<Ping>
                {
                    public ValueTask HandleAsync(object? sender, Ping args, CancellationToken cancellationToken) => default;
                }
            }

            // Neither marked nor added with AddReceiver<T>(): not a receiver, whatever it implements.
            public sealed class AddedByHand : ISignalReceiver<Uri>
            {
                public ValueTask HandleAsync(object? sender, Uri args, CancellationToken cancellationToken) => default;
            }
            """;

        Assert.Empty(await ReceiverAnalysis.DiagnosticsAsync(Receivers));
        AssertTheHostConnectsPingReceivers(Receivers);
    }

    [Fact]
    public async Task Static_methods_of_the_four_shapes_raise_nothing()
    {
        const string Receivers = """
            public static class Receivers
            {
                [Receiver]
                public static void Action(object? sender, Ping args) { }

                [Receiver(Sender = typeof(Comment))]
                internal static object? Function(object? sender, Ping args) => args.Value;

                [Receiver]
                private static string Text(object sender, Ping args) => "answer";

                [Receiver]
                public static dynamic Dynamic(dynamic sender, Ping args) => sender;

                [Receiver]
                public static Task Task(object? sender, PostSave<Article> args, CancellationToken cancellationToken) => System.Threading.Tasks.Task.CompletedTask;

                [Receiver]
                public static async Task<object?> TaskOfObject(object? sender, Ping args, CancellationToken cancellationToken)
                {
                    await System.Threading.Tasks.Task.Yield();
                    return args.Value;
                }

                [Receiver(Sender = typeof(Article), Order = 3, DispatchUid = "counted")]
                public static Task<int> TaskOfInt(object? sender, PostSave args, CancellationToken cancellationToken) => System.Threading.Tasks.Task.FromResult(1);
            }
            """;

        Assert.Empty(await ReceiverAnalysis.DiagnosticsAsync(Receivers));
        AssertTheHostConnectsPingReceivers(Receivers);
    }

    [Fact]
    public async Task A_signal_declared_as_a_subclass_a_field_or_added_by_name_makes_its_arguments_receivable()
    {
        var diagnostics = await ReceiverAnalysis.DiagnosticsAsync(
            """
            public sealed record Order(int Id);

            public sealed class OrderPlaced() : Signal<Order>("order_placed");

            public sealed record Refund(int Id);

            public sealed class Refunds
            {
                private readonly Signal<Refund> _refunded = new("refunded");
            }

            public sealed record Shipped(int Id);

            public static class Setup
            {
                public static void Add(SignalsBuilder signals) => signals.AddSignal<Shipped>("shipped").AddSignal<OrderPlaced>();
            }

            public static class Receivers
            {
                [Receiver]
                public static void Placed(object? sender, Order args) { }

                [Receiver]
                public static void Refunded(object? sender, Refund args) { }

                [Receiver]
                public static void Shipped(object? sender, Shipped args) { }
            }
            """);

        Assert.Empty(diagnostics);
    }

    /// <summary>The same source, compiled and scanned by a host with the model, web and <c>ping</c> signals: the startup
    /// check accepts every receiver the analyzer let through, and the ping receivers are connected.</summary>
    private static void AssertTheHostConnectsPingReceivers(string receivers)
    {
        var assembly = ReceiverAnalysis.Load(receivers);
        var addAppSignals = assembly.GetType("App.AppSignals")!.GetMethod("AddAppSignals")!;
        using var services = new ServiceCollection()
            .AddSignals(s => ((SignalsBuilder)addAppSignals.Invoke(null, [s.AddModelSignals().AddWebSignals()])!).AddReceiversFrom(assembly))
            .BuildServiceProvider();

        var ping = (Signal)services.GetRequiredService(typeof(Signal<>).MakeGenericType(assembly.GetType("App.Ping")!));

        Assert.True(ping.HasListeners());
    }
}
