using System.Collections.Immutable;
using BlogShop.Signals.Hosting;
using Microsoft.CodeAnalysis;

namespace BlogShop.Signals.Analyzers;

/// <summary>
/// The build errors for <c>[Receiver]</c> declarations that the startup checks of BlogShop.Signals would refuse. The
/// messages are the startup checks' own (<see cref="ReceiverMessages"/>), so a receiver reads the same whichever
/// catches it. docs/dispatcher.md lists the rules.
/// </summary>
internal static class ReceiverRules
{
    private const string Category = "BlogShop.Signals";

    public static readonly DiagnosticDescriptor NoReceiverInterface = Error(
        "BSIG0001", "A receiver class implements no ISignalReceiver<TArgs>", ReceiverMessages.NoReceiverInterface);

    public static readonly DiagnosticDescriptor NotCreatable = Error(
        "BSIG0002", "A receiver class is abstract, static or generic", ReceiverMessages.NotCreatable);

    public static readonly DiagnosticDescriptor InstanceMethod = Error(
        "BSIG0003", "A receiver method is an instance method", ReceiverMessages.InstanceMethod);

    public static readonly DiagnosticDescriptor WrongMethodShape = Error(
        "BSIG0004", "A receiver method has none of the receiver shapes", ReceiverMessages.WrongMethodShape);

    public static readonly DiagnosticDescriptor TaskWithoutCancellationToken = Error(
        "BSIG0005", "An async receiver method takes no CancellationToken", ReceiverMessages.TaskWithoutCancellationToken);

    public static readonly DiagnosticDescriptor AsyncVoid = Error(
        "BSIG0006", "A receiver method is async void", ReceiverMessages.AsyncVoid);

    /// <summary>Reported once the whole compilation is seen: a signal may be added anywhere in it.</summary>
    public static readonly DiagnosticDescriptor NoSignalTakesArguments = Error(
        "BSIG0007",
        "No signal takes a receiver's argument type",
        "{0} is declared a receiver of {1}, but no signal this project can see takes that type: receive the argument " +
        "type of a signal, or declare the signal where this project sees it (a Signal<{1}> subclass, or " +
        "AddSignal<{1}>(name) in this project)",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor SenderContradictsArguments = Error(
        "BSIG0008",
        "A receiver's Sender contradicts its argument type",
        ReceiverMessages.SenderContradictsArguments,
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor OnCommitOnMethod = Error(
        "BSIG0009", "OnCommit on a receiver method", ReceiverMessages.OnCommitOnMethod);

    public static readonly DiagnosticDescriptor CompilerMadeMethod = Error(
        "BSIG0010", "A lambda or local function marked as a receiver", ReceiverMessages.CompilerMadeMethod);

    public static ImmutableArray<DiagnosticDescriptor> All { get; } =
    [
        NoReceiverInterface, NotCreatable, InstanceMethod, WrongMethodShape, TaskWithoutCancellationToken, AsyncVoid,
        NoSignalTakesArguments, SenderContradictsArguments, OnCommitOnMethod, CompilerMadeMethod,
    ];

    private static DiagnosticDescriptor Error(string id, string title, string message, params string[] tags) =>
        new(id, title, message + ".", Category, DiagnosticSeverity.Error, isEnabledByDefault: true, customTags: tags);
}
