using System.Globalization;

namespace BlogShop.Signals.Hosting;

/// <summary>
/// What a wrongly declared receiver is told, in one place: the startup checks format these messages, and the analyzer
/// shipped in the package (BlogShop.Signals.Analyzers, which compiles this file too) reports the same texts as build
/// errors. <c>{0}</c> is always the receiver (a class, or a class and method).
/// </summary>
internal static class ReceiverMessages
{
    /// <summary>The shapes a receiver method may have, as every message about a method states them.</summary>
    public const string MethodShapes =
        "a receiver method is static and takes (object? sender, TArgs args) returning void or a response (object?), " +
        "or takes (object? sender, TArgs args, CancellationToken cancellationToken) returning Task or Task<object?>";

    public const string NoReceiverInterface =
        "{0} is declared a receiver but implements no ISignalReceiver<TArgs>, so no signal can reach it";

    public const string NotCreatable =
        "{0} is declared a receiver but is not a concrete, non-generic class, so it cannot be created";

    public const string InstanceMethod =
        "{0} is declared a receiver but is an instance method: nothing would create its object. Make it static, or make " +
        "the class an ISignalReceiver<TArgs> with [Receiver] on the class";

    /// <summary><c>{1}</c> says what is wrong ("it takes 1 parameter").</summary>
    public const string WrongMethodShape = "{0} is declared a receiver but {1}: " + MethodShapes;

    public const string TaskWithoutCancellationToken =
        "Receiver {0} returns a task but takes no CancellationToken, so it would not be awaited. Give async receivers " +
        "the shape (object? sender, TArgs args, CancellationToken cancellationToken)";

    public const string AsyncVoid =
        "Receiver {0} is async void: nothing could await it or see its exceptions. Give async receivers the shape " +
        "(object? sender, TArgs args, CancellationToken cancellationToken) returning Task";

    /// <summary><c>{1}</c> is the signal (or its argument type), <c>{2}</c> the sender the argument type names,
    /// <c>{3}</c> the sender the attribute names.</summary>
    public const string SenderContradictsArguments =
        "{0} receives {1} from {2} (its argument type says so) but its [Receiver] names the sender {3}: drop Sender, " +
        "the argument type is enough";

    public const string CompilerMadeMethod =
        "{0} is declared a receiver but is a lambda or local function: the compiler makes it a hidden method (of a " +
        "class of its own, or taking the captured variables), which the scan cannot call as a receiver. Declare a " +
        "static method of a class instead";

    public const string OnCommitOnMethod =
        "{0} is declared a receiver with OnCommit, which only receiver classes support: make it an " +
        "ISignalReceiver<TArgs> class with [Receiver(OnCommit = true)], or drop OnCommit";

    /// <summary>What is wrong with a receiver method of <paramref name="count"/> parameters (for <see cref="WrongMethodShape"/>).</summary>
    public static string WrongParameterCount(int count) => $"it takes {count} parameter{(count == 1 ? "" : "s")}";

    /// <summary>A message with its receiver (and details) filled in, as one sentence.</summary>
    public static string Format(string message, params object?[] arguments) =>
        string.Format(CultureInfo.InvariantCulture, message, arguments) + ".";

    /// <summary>The startup error for a receiver the analyzer reports at build time: the same message.</summary>
    public static InvalidOperationException Refused(string message, params object?[] arguments) => new(Format(message, arguments));
}
