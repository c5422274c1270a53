namespace BlogShop.Tests.Signals.Analyzers;

/// <summary>BSIG0003 to BSIG0006 and BSIG0009: the [Receiver] methods the scan or the host start refuse.</summary>
public sealed class ReceiverMethodRuleTests
{
    private const string Shapes =
        "a receiver method is static and takes (object? sender, TArgs args) returning void or a response (object?), " +
        "or takes (object? sender, TArgs args, CancellationToken cancellationToken) returning Task or Task<object?>.";

    [Fact]
    public Task An_instance_method_marked_as_a_receiver_is_BSIG0003() =>
        ReceiverAnalysis.AssertSingleAsync(
            """
            public sealed class Receivers
            {
                [Receiver]
                public void Handle(object? sender, Ping args) { }
            }
            """,
            "BSIG0003",
            "Handle",
            "App.Receivers.Handle is declared a receiver but is an instance method: nothing would create its object. " +
            "Make it static, or make the class an ISignalReceiver<TArgs> with [Receiver] on the class.");

    [Theory]
    [InlineData("void Handle(Ping args) { }", "it takes 1 parameter")]
    [InlineData("void Handle(object? sender, Ping args, CancellationToken cancellationToken, int extra) { }", "it takes 4 parameters")]
    [InlineData("void Handle(string sender, Ping args) { }", "its first parameter (the sender) is string, not object?")]
    [InlineData("void Handle(object? sender, ref Ping args) { }", "its parameter 'args' is passed by reference")]
    [InlineData("void Handle(object? sender, in Ping args) { }", "its parameter 'args' is passed by reference")]
    [InlineData("Task Handle(object? sender, Ping args, int cancellationToken) => Task.CompletedTask;", "its third parameter is int, not CancellationToken")]
    [InlineData("ValueTask Handle(object? sender, Ping args, CancellationToken cancellationToken) => default;", "it takes a CancellationToken but returns ValueTask, not Task or Task<object?>")]
    [InlineData("void Handle(object? sender, Ping args, CancellationToken cancellationToken) { }", "it takes a CancellationToken but returns void, not Task or Task<object?>")]
    [InlineData("int Handle(object? sender, Ping args) => 0;", "it returns int, a value type, not void or a response (object?)")]
    [InlineData("ValueTask Handle(object? sender, Ping args) => default;", "it returns ValueTask, a value type, not void or a response (object?)")]
    [InlineData("void Handle<T>(object? sender, Ping args) { }", "it is generic")]
    public Task A_static_method_of_no_receiver_shape_is_BSIG0004_naming_what_is_wrong(string method, string wrong) =>
        ReceiverAnalysis.AssertSingleAsync(
            $$"""
            public static class Receivers
            {
                [Receiver]
                public static {{method}}
            }
            """,
            "BSIG0004",
            "Handle",
            $"App.Receivers.Handle is declared a receiver but {wrong}: {Shapes}");

    [Fact]
    public Task A_property_accessor_marked_as_a_receiver_is_BSIG0004() =>
        ReceiverAnalysis.AssertSingleAsync(
            """
            public static class Receivers
            {
                public static Ping Last { [Receiver] get => new(0); }
            }
            """,
            "BSIG0004",
            "get",
            $"App.Receivers.get_Last is declared a receiver but it takes 0 parameters: {Shapes}");

    [Fact]
    public Task A_static_method_of_a_generic_class_is_BSIG0004() =>
        ReceiverAnalysis.AssertSingleAsync(
            """
            public static class Receivers<T>
            {
                [Receiver]
                public static void Handle(object? sender, Ping args) { }
            }
            """,
            "BSIG0004",
            "Handle",
            $"App.Receivers<T>.Handle is declared a receiver but its class is generic: {Shapes}");

    [Theory]
    [InlineData("Task Handle(object? sender, Ping args) => Task.CompletedTask;")]
    [InlineData("async Task<object?> Handle(object? sender, Ping args) { await Task.Yield(); return null; }")]
    public Task A_task_returning_method_without_a_CancellationToken_is_BSIG0005(string method) =>
        ReceiverAnalysis.AssertSingleAsync(
            $$"""
            public static class Receivers
            {
                [Receiver]
                public static {{method}}
            }
            """,
            "BSIG0005",
            "Handle",
            "Receiver App.Receivers.Handle returns a task but takes no CancellationToken, so it would not be awaited. " +
            "Give async receivers the shape (object? sender, TArgs args, CancellationToken cancellationToken).");

    [Fact]
    public Task An_async_void_method_is_BSIG0006() =>
        ReceiverAnalysis.AssertSingleAsync(
            """
            public static class Receivers
            {
                [Receiver]
                public static async void Handle(object? sender, Ping args) => await Task.Yield();
            }
            """,
            "BSIG0006",
            "Handle",
            "Receiver App.Receivers.Handle is async void: nothing could await it or see its exceptions. Give async " +
            "receivers the shape (object? sender, TArgs args, CancellationToken cancellationToken) returning Task.");

    [Fact]
    public Task OnCommit_on_a_method_is_BSIG0009_at_the_attribute() =>
        ReceiverAnalysis.AssertSingleAsync(
            """
            public static class Receivers
            {
                [Receiver(OnCommit = true)]
                public static void Handle(object? sender, PostSave<Comment> args) { }
            }
            """,
            "BSIG0009",
            "Receiver(OnCommit = true)",
            "App.Receivers.Handle is declared a receiver with OnCommit, which only receiver classes support: make it an " +
            "ISignalReceiver<TArgs> class with [Receiver(OnCommit = true)], or drop OnCommit.");

    [Fact]
    public Task A_local_function_marked_as_a_receiver_is_BSIG0010() =>
        ReceiverAnalysis.AssertSingleAsync(
            """
            public static class Receivers
            {
                public static void Setup()
                {
                    [Receiver]
                    static void Handle(object? sender, Ping args) { }
                }
            }
            """,
            "BSIG0010",
            "Receiver",
            "App.Receivers.Setup()'s local function Handle is declared a receiver but is a lambda or local function: the " +
            "compiler makes it a hidden method (of a class of its own, or taking the captured variables), which the scan " +
            "cannot call as a receiver. Declare a static method of a class instead.");

    [Fact]
    public async Task A_lambda_marked_as_a_receiver_is_BSIG0010()
    {
        var diagnostics = await ReceiverAnalysis.DiagnosticsAsync(
            """
            public static class Receivers
            {
                public static Action<object?, Ping> Handler { get; } = [Receiver] (object? sender, Ping args) => { };
            }
            """);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("BSIG0010", diagnostic.Id);
        Assert.StartsWith("a lambda in App.Receivers", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
