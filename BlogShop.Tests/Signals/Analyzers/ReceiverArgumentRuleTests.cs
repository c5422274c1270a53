namespace BlogShop.Tests.Signals.Analyzers;

/// <summary>BSIG0007 and BSIG0008: what a receiver's argument type says against the signals the project sees.</summary>
public sealed class ReceiverArgumentRuleTests
{
    private const string NoSignalTakesUri =
        "is declared a receiver of Uri, but no signal this project can see takes that type: receive the argument type of " +
        "a signal, or declare the signal where this project sees it (a Signal<Uri> subclass, or AddSignal<Uri>(name) in " +
        "this project).";

    [Fact]
    public Task A_receiver_class_of_arguments_no_signal_takes_is_BSIG0007() =>
        ReceiverAnalysis.AssertSingleAsync(
            """
            [Receiver]
            public sealed class ReceiveUris : ISignalReceiver<Uri>
            {
                public ValueTask HandleAsync(object? sender, Uri args, CancellationToken cancellationToken) => default;
            }
            """,
            "BSIG0007",
            "ReceiveUris",
            $"App.ReceiveUris {NoSignalTakesUri}");

    [Fact]
    public Task A_receiver_method_of_arguments_no_signal_takes_is_BSIG0007_at_its_arguments() =>
        ReceiverAnalysis.AssertSingleAsync(
            """
            public static class Receivers
            {
                [Receiver]
                public static void Handle(object? sender, Uri args) { }
            }
            """,
            "BSIG0007",
            "args",
            $"App.Receivers.Handle {NoSignalTakesUri}");

    [Fact]
    public async Task Only_the_receiver_interface_no_signal_takes_is_reported_for_a_class_receiving_several()
    {
        var diagnostics = await ReceiverAnalysis.DiagnosticsAsync(
            """
            [Receiver]
            public sealed class ReceivePingsAndUris : ISignalReceiver<Ping>, ISignalReceiver<Uri>
            {
                public ValueTask HandleAsync(object? sender, Ping args, CancellationToken cancellationToken) => default;

                public ValueTask HandleAsync(object? sender, Uri args, CancellationToken cancellationToken) => default;
            }
            """);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("BSIG0007", diagnostic.Id);
        Assert.Contains("receiver of Uri", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public Task A_sender_that_contradicts_a_per_sender_argument_type_is_BSIG0008_at_the_attribute() =>
        ReceiverAnalysis.AssertSingleAsync(
            """
            [Receiver(Sender = typeof(Comment))]
            public sealed class IndexArticle : ISignalReceiver<PostSave<Article>>
            {
                public ValueTask HandleAsync(object? sender, PostSave<Article> args, CancellationToken cancellationToken) => default;
            }
            """,
            "BSIG0008",
            "Receiver(Sender = typeof(Comment))",
            "App.IndexArticle receives PostSave from Article (its argument type says so) but its [Receiver] names the " +
            "sender Comment: drop Sender, the argument type is enough.");

    [Fact]
    public Task A_receiver_method_whose_sender_contradicts_its_arguments_is_BSIG0008_for_that_attribute_only() =>
        ReceiverAnalysis.AssertSingleAsync(
            """
            public static class Receivers
            {
                [Receiver(Sender = typeof(Article))]
                [Receiver(Sender = typeof(Comment), Order = 5)]
                public static void Handle(object? sender, PreDelete<Article> args) { }
            }
            """,
            "BSIG0008",
            "Receiver(Sender = typeof(Comment), Order = 5)",
            "App.Receivers.Handle receives PreDelete from Article (its argument type says so) but its [Receiver] names " +
            "the sender Comment: drop Sender, the argument type is enough.");

    [Fact]
    public async Task A_sender_on_arguments_that_come_from_every_sender_is_a_filter_not_an_error()
    {
        var diagnostics = await ReceiverAnalysis.DiagnosticsAsync(
            """
            [Receiver(Sender = typeof(Comment))]
            public sealed class ReceiveCommentSaves : ISignalReceiver<PostSave>, ISignalReceiver<Ping>
            {
                public ValueTask HandleAsync(object? sender, PostSave args, CancellationToken cancellationToken) => default;

                public ValueTask HandleAsync(object? sender, Ping args, CancellationToken cancellationToken) => default;
            }
            """);

        Assert.Empty(diagnostics);
    }
}
