using Microsoft.CodeAnalysis;

namespace BlogShop.Signals.Analyzers;

/// <summary>The types of BlogShop.Signals (and the BCL) the rules look for, as the compilation sees them.</summary>
internal sealed class SignalTypes
{
    private SignalTypes(
        INamedTypeSymbol receiverAttribute, INamedTypeSymbol receiverInterface, INamedTypeSymbol signal,
        INamedTypeSymbol builder, INamedTypeSymbol cancellationToken, INamedTypeSymbol task)
    {
        ReceiverAttribute = receiverAttribute;
        ReceiverInterface = receiverInterface;
        Signal = signal;
        Builder = builder;
        CancellationToken = cancellationToken;
        Task = task;
    }

    public INamedTypeSymbol ReceiverAttribute { get; }

    /// <summary><c>ISignalReceiver&lt;TArgs&gt;</c>, unbound.</summary>
    public INamedTypeSymbol ReceiverInterface { get; }

    /// <summary><c>Signal&lt;TArgs&gt;</c>, unbound.</summary>
    public INamedTypeSymbol Signal { get; }

    public INamedTypeSymbol Builder { get; }

    public INamedTypeSymbol CancellationToken { get; }

    public INamedTypeSymbol Task { get; }

    /// <summary>The types, or null for a compilation that does not reference BlogShop.Signals (nothing to check).</summary>
    public static SignalTypes? From(Compilation compilation) =>
        compilation.GetTypeByMetadataName("BlogShop.Signals.ReceiverAttribute") is { } attribute &&
        compilation.GetTypeByMetadataName("BlogShop.Signals.ISignalReceiver`1") is { } receiver &&
        compilation.GetTypeByMetadataName("BlogShop.Signals.Signal`1") is { } signal &&
        compilation.GetTypeByMetadataName("BlogShop.Signals.SignalsBuilder") is { } builder &&
        compilation.GetTypeByMetadataName("System.Threading.CancellationToken") is { } cancellationToken &&
        compilation.GetTypeByMetadataName("System.Threading.Tasks.Task") is { } task
            ? new SignalTypes(attribute, receiver, signal, builder, cancellationToken, task)
            : null;

    /// <summary>The <c>[Receiver]</c> attributes on a class or method.</summary>
    public AttributeData[] ReceiverAttributesOf(ISymbol symbol) =>
        symbol.GetAttributes().Where(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, ReceiverAttribute)).ToArray();

    /// <summary>The argument type of the signal <paramref name="type"/> is (a <c>Signal&lt;TArgs&gt;</c> or a subclass), or null.</summary>
    public ITypeSymbol? SignalArgumentsOf(ITypeSymbol? type)
    {
        for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, Signal))
            {
                return current.TypeArguments[0] is { TypeKind: not TypeKind.TypeParameter } arguments ? arguments : null;
            }
        }

        return null;
    }

    /// <summary>True for <see cref="System.Threading.Tasks.Task"/> and every type deriving from it (<c>Task&lt;T&gt;</c>).</summary>
    public bool IsTask(ITypeSymbol type)
    {
        for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, Task))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the type or a type it is nested in has type parameters: the scan cannot create or call it.</summary>
    public static bool IsGeneric(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.TypeParameters.Length > 0)
            {
                return true;
            }
        }

        return false;
    }
}
