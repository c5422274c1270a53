namespace BlogShop.Tests.Signals.Analyzers;

/// <summary>BSIG0001 and BSIG0002: the [Receiver] classes the scan (<c>AddReceiversFrom</c>) refuses.</summary>
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
}
