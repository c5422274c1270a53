using BlogShop.Signals.Hosting;
using Microsoft.CodeAnalysis;

namespace BlogShop.Signals.Analyzers;

/// <summary>
/// Whether a static <c>[Receiver]</c> method has one of the four shapes the startup check binds
/// (<c>Signal&lt;TArgs&gt;.ConnectMethod</c>, by delegate binding: <c>Action&lt;object?, TArgs&gt;</c>,
/// <c>Func&lt;object?, TArgs, object?&gt;</c>, <c>Func&lt;object?, TArgs, CancellationToken, Task&lt;object?&gt;&gt;</c>,
/// <c>Func&lt;object?, TArgs, CancellationToken, Task&gt;</c>), and what is wrong when it has none.
/// </summary>
internal static class MethodShape
{
    /// <summary>The rule the method breaks and what is wrong with it (for <see cref="ReceiverRules.WrongMethodShape"/>), or null.</summary>
    public static (DiagnosticDescriptor Rule, string? Reason)? Check(IMethodSymbol method, SignalTypes types)
    {
        var parameters = method.Parameters;
        var wrong = method switch
        {
            { IsGenericMethod: true } => "it is generic",
            _ when SignalTypes.IsGeneric(method.ContainingType) => "its class is generic",
            _ when parameters.Length is not (2 or 3) => ReceiverMessages.WrongParameterCount(parameters.Length),
            _ when parameters.FirstOrDefault(p => p.RefKind != RefKind.None) is { } byReference =>
                $"its parameter '{byReference.Name}' is passed by reference",
            { ReturnsByRef: true } or { ReturnsByRefReadonly: true } => "it returns by reference",
            // dynamic is object to the runtime.
            _ when parameters[0].Type is not ({ SpecialType: SpecialType.System_Object } or { TypeKind: TypeKind.Dynamic }) =>
                $"its first parameter (the sender) is {Display(parameters[0].Type)}, not object?",
            _ => null,
        };
        if (wrong is not null)
        {
            return (ReceiverRules.WrongMethodShape, wrong);
        }

        if (parameters.Length == 3)
        {
            wrong = !SymbolEqualityComparer.Default.Equals(parameters[2].Type, types.CancellationToken)
                ? $"its third parameter is {Display(parameters[2].Type)}, not CancellationToken"
                : !types.IsTask(method.ReturnType)
                    ? $"it takes a CancellationToken but returns {Display(method.ReturnType)}, not Task or Task<object?>"
                    : null;
            return wrong is null ? null : (ReceiverRules.WrongMethodShape, wrong);
        }

        if (method.ReturnsVoid)
        {
            return method.IsAsync ? (ReceiverRules.AsyncVoid, null) : null;
        }

        if (types.IsTask(method.ReturnType))
        {
            return (ReceiverRules.TaskWithoutCancellationToken, null);
        }

        return method.ReturnType.IsReferenceType
            ? null
            : (ReceiverRules.WrongMethodShape, $"it returns {Display(method.ReturnType)}, a value type, not void or a response (object?)");
    }

    public static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
}
