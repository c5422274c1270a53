namespace BlogShop.Tests.Signals.Analyzers;

/// <summary>BSIG0001 and BSIG0002: the receiver classes <c>AddReceiversFrom</c> ([Receiver]) and <c>AddReceiver&lt;T&gt;()</c>
/// refuse.</summary>
public sealed class ReceiverClassRuleTests
{
    [Fact]
    public Task A_receiver_class_that_implements_no_receiver_interface_is_BSIG0001() =>
        ReceiverAnalysis.AssertSingleAsync(
            """
            [Receiver]
            public sealed class NotAReceiver
            {
                public void HandleAsync(object? sender, Ping args) { }
            }
            """,
            "BSIG0001",
            "NotAReceiver",
            "App.NotAReceiver is declared a receiver but implements no ISignalReceiver<TArgs>, so no signal can reach it.");

    [Theory]
    [InlineData("public abstract class RecordPing", "RecordPing")]
    [InlineData("public class RecordPing<T>", "RecordPing<T>")]
    public Task A_receiver_class_the_scan_cannot_create_is_BSIG0002(string declaration, string name) =>
        ReceiverAnalysis.AssertSingleAsync(
            $$"""
            [Receiver]
            {{declaration}} : ISignalReceiver<Ping>
            {
                public ValueTask HandleAsync(object? sender, Ping args, CancellationToken cancellationToken) => default;
            }
            """,
            "BSIG0002",
            "RecordPing",
            $"App.{name} is declared a receiver but is not a concrete, non-generic class, so it cannot be created.");

    [Fact]
    public Task A_receiver_class_nested_in_a_generic_class_is_BSIG0002() =>
        ReceiverAnalysis.AssertSingleAsync(
            """
            public static class Outer<T>
            {
                [Receiver]
                public sealed class RecordPing : ISignalReceiver<Ping>
                {
                    public ValueTask HandleAsync(object? sender, Ping args, CancellationToken cancellationToken) => default;
                }
            }
            """,
            "BSIG0002",
            "RecordPing",
            "App.Outer<T>.RecordPing is declared a receiver but is not a concrete, non-generic class, so it cannot be created.");

    [Fact]
    public Task A_static_class_marked_as_a_receiver_is_BSIG0002() =>
        ReceiverAnalysis.AssertSingleAsync(
            """
            [Receiver]
            public static class Receivers
            {
                public static void Handle(object? sender, Ping args) { }
            }
            """,
            "BSIG0002",
            "Receivers",
            "App.Receivers is declared a receiver but is not a concrete, non-generic class, so it cannot be created.");

    [Fact]
    public Task A_class_without_a_receiver_interface_added_with_AddReceiver_is_BSIG0001_at_the_call() =>
        ReceiverAnalysis.AssertSingleAsync(
            """
            public sealed class Journal;

            public static class Setup
            {
                public static void Add(SignalsBuilder signals) => signals.AddAppSignals().AddReceiver<Journal>();
            }
            """,
            "BSIG0001",
            "AddReceiver<Journal>",
            "App.Journal is declared a receiver but implements no ISignalReceiver<TArgs>, so no signal can reach it.");

    [Fact]
    public Task A_class_added_with_AddReceiver_whose_arguments_no_signal_takes_is_BSIG0007_at_the_call() =>
        ReceiverAnalysis.AssertSingleAsync(
            """
            public sealed class ReceiveUris : ISignalReceiver<Uri>
            {
                public ValueTask HandleAsync(object? sender, Uri args, CancellationToken cancellationToken) => default;
            }

            public static class Setup
            {
                public static void Add(SignalsBuilder signals) => signals.AddAppSignals().AddReceiver<ReceiveUris>();
            }
            """,
            "BSIG0007",
            "AddReceiver<ReceiveUris>",
            "App.ReceiveUris is declared a receiver of Uri, but no signal this project can see takes that type: receive " +
            "the argument type of a signal, or declare the signal where this project sees it (a Signal<Uri> subclass, " +
            "or AddSignal<Uri>(name) in this project).");

    [Fact]
    public async Task A_receiver_class_marked_and_added_with_AddReceiver_is_reported_once_where_it_is_declared()
    {
        var diagnostics = await ReceiverAnalysis.DiagnosticsAsync(
            """
            [Receiver]
            public sealed class ReceiveUris : ISignalReceiver<Uri>
            {
                public ValueTask HandleAsync(object? sender, Uri args, CancellationToken cancellationToken) => default;
            }

            public static class Setup
            {
                public static void Add(SignalsBuilder signals) => signals.AddReceiver<ReceiveUris>();
            }
            """);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("BSIG0007", diagnostic.Id);
        Assert.Equal("ReceiveUris", diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
    }
}
