using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace BlogShop.Signals.Analyzers;

/// <summary>
/// Reports, as build errors, the <c>[Receiver]</c> declarations and <c>AddReceiver&lt;T&gt;()</c> calls that
/// <c>AddReceiversFrom</c>, <c>AddReceiver</c> and the host start would refuse (<see cref="ReceiverRules"/>): a class that
/// cannot be created or implements no receiver interface, a method that is not static or has none of the receiver
/// shapes, a lambda or local function, an argument type no signal takes, a Sender that contradicts the argument type,
/// OnCommit on a method.
/// </summary>
/// <remarks>
/// The startup checks stay: they also see receivers compiled without this analyzer (or built by reflection), and what
/// only the host knows (which signals it added; two signals of the host taking the same argument type).
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ReceiverAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ReceiverRules.All;

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        // Generated code is analyzed (it may add a signal) but nothing is reported in it.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(Start);
    }

    private static void Start(CompilationStartAnalysisContext context)
    {
        if (SignalTypes.From(context.Compilation) is not { } types)
        {
            return;
        }

        var received = new ConcurrentQueue<Received>();
        var addedSignals = new ConcurrentQueue<ITypeSymbol>();
        context.RegisterSymbolAction(c => AnalyzeClass(c, types, received), SymbolKind.NamedType);
        context.RegisterSymbolAction(c => AnalyzeMethod(c, types, received), SymbolKind.Method);
        context.RegisterOperationAction(c => CollectSignal(c.Operation, types, addedSignals), OperationKind.Invocation, OperationKind.ObjectCreation);
        context.RegisterOperationAction(c => AnalyzeAddReceiver(c, types, received), OperationKind.Invocation);
        context.RegisterOperationAction(c => AnalyzeCompilerMadeMethod(c, types), OperationKind.AnonymousFunction, OperationKind.LocalFunction);
        context.RegisterCompilationEndAction(c => AnalyzeArguments(c, types, received, addedSignals));
    }

    private static void AnalyzeClass(SymbolAnalysisContext context, SignalTypes types, ConcurrentQueue<Received> received)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var attributes = types.ReceiverAttributesOf(type);
        if (attributes.Length > 0)
        {
            CheckClass(type, attributes, type.Locations[0], context.ReportDiagnostic, types, received);
        }
    }

    /// <summary><c>AddReceiver&lt;T&gt;()</c> registers a class as <c>[Receiver]</c> does, at the call (a class marked
    /// <c>[Receiver]</c> in this project is checked where it is declared).</summary>
    private static void AnalyzeAddReceiver(OperationAnalysisContext context, SignalTypes types, ConcurrentQueue<Received> received)
    {
        if (context.Operation is IInvocationOperation { TargetMethod: { Name: "AddReceiver", TypeArguments.Length: 1 } target } call &&
            SymbolEqualityComparer.Default.Equals(target.ContainingType, types.Builder) &&
            target.TypeArguments[0] is INamedTypeSymbol type &&
            types.ReceiverAttributesOf(type) is var attributes &&
            !(attributes.Length > 0 && type.Locations.Any(l => l.IsInSource)))
        {
            // At AddReceiver<T> in s.AddReceiver<T>(), not at the start of a long chain of calls.
            var at = call.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: var name } } ? name : call.Syntax;
            CheckClass(type, attributes, at.GetLocation(), context.ReportDiagnostic, types, received);
        }
    }

    private static void CheckClass(
        INamedTypeSymbol type, AttributeData[] attributes, Location location, Action<Diagnostic> report, SignalTypes types, ConcurrentQueue<Received> received)
    {
        var name = type.ToDisplayString();
        if (type.IsAbstract || type.IsStatic || SignalTypes.IsGeneric(type))
        {
            report(Diagnostic.Create(ReceiverRules.NotCreatable, location, name));
            return;
        }

        var receives = type.AllInterfaces.Where(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, types.ReceiverInterface)).ToArray();
        if (receives.Length == 0)
        {
            report(Diagnostic.Create(ReceiverRules.NoReceiverInterface, location, name));
            return;
        }

        foreach (var receiver in receives)
        {
            received.Enqueue(new Received(name, receiver.TypeArguments[0], location, attributes));
        }
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, SignalTypes types, ConcurrentQueue<Received> received)
    {
        var method = (IMethodSymbol)context.Symbol;
        var attributes = types.ReceiverAttributesOf(method);
        if (attributes.Length == 0)
        {
            return;
        }

        var name = $"{method.ContainingType.ToDisplayString()}.{method.Name}";
        if (!method.IsStatic)
        {
            context.ReportDiagnostic(Diagnostic.Create(ReceiverRules.InstanceMethod, method.Locations[0], name));
            return;
        }

        foreach (var onCommit in attributes.Where(a => a.NamedArguments.Any(n => n.Key == "OnCommit" && n.Value.Value is true)))
        {
            context.ReportDiagnostic(Diagnostic.Create(ReceiverRules.OnCommitOnMethod, LocationOf(onCommit, method), name));
        }

        if (MethodShape.Check(method, types) is { } wrong)
        {
            context.ReportDiagnostic(Diagnostic.Create(wrong.Rule, method.Locations[0], name, wrong.Reason));
        }

        if (method.Parameters.Length is 2 or 3 && method.Parameters[1] is { Type.TypeKind: not TypeKind.TypeParameter } arguments)
        {
            received.Enqueue(new Received(name, arguments.Type, arguments.Locations[0], attributes));
        }
    }

    private static void AnalyzeCompilerMadeMethod(OperationAnalysisContext context, SignalTypes types)
    {
        var method = context.Operation is ILocalFunctionOperation local ? local.Symbol : ((IAnonymousFunctionOperation)context.Operation).Symbol;
        var name = method.MethodKind == MethodKind.LocalFunction
            ? $"{context.ContainingSymbol.ToDisplayString()}'s local function {method.Name}"
            : $"a lambda in {context.ContainingSymbol.ToDisplayString()}";
        foreach (var attribute in types.ReceiverAttributesOf(method))
        {
            context.ReportDiagnostic(Diagnostic.Create(ReceiverRules.CompilerMadeMethod, LocationOf(attribute, context.Operation.Syntax.GetLocation()), name));
        }
    }

    private static void CollectSignal(IOperation operation, SignalTypes types, ConcurrentQueue<ITypeSymbol> addedSignals)
    {
        var arguments = operation switch
        {
            // AddSignal<TArgs>(name) names the arguments; AddSignal<TSignal>() the signal class.
            IInvocationOperation { TargetMethod: { Name: "AddSignal", TypeArguments.Length: 1 } target }
                when SymbolEqualityComparer.Default.Equals(target.ContainingType, types.Builder) =>
                target.Parameters.Length == 0 ? types.SignalArgumentsOf(target.TypeArguments[0]) : target.TypeArguments[0],
            IObjectCreationOperation creation => types.SignalArgumentsOf(creation.Type),
            _ => null,
        };
        if (arguments is { TypeKind: not TypeKind.TypeParameter })
        {
            addedSignals.Enqueue(arguments);
        }
    }

    private static void AnalyzeArguments(
        CompilationAnalysisContext context, SignalTypes types, ConcurrentQueue<Received> received, ConcurrentQueue<ITypeSymbol> addedSignals)
    {
        if (received.IsEmpty)
        {
            return;
        }

        var signals = new KnownSignals(context.Compilation, types, addedSignals);
        foreach (var receiver in received)
        {
            if (!signals.Accept(receiver.Arguments, out var typedSender))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    ReceiverRules.NoSignalTakesArguments, receiver.Location, receiver.Name, MethodShape.Display(receiver.Arguments)));
                continue;
            }

            foreach (var attribute in receiver.Attributes)
            {
                if (typedSender is not null &&
                    attribute.NamedArguments.FirstOrDefault(n => n.Key == "Sender").Value.Value is ITypeSymbol sender &&
                    !SymbolEqualityComparer.Default.Equals(sender, typedSender))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        ReceiverRules.SenderContradictsArguments,
                        LocationOf(attribute, receiver.Location),
                        receiver.Name,
                        MethodShape.Display(((INamedTypeSymbol)receiver.Arguments).BaseType!),
                        MethodShape.Display(typedSender),
                        MethodShape.Display(sender)));
                }
            }
        }
    }

    private static Location LocationOf(AttributeData attribute, ISymbol symbol) => LocationOf(attribute, symbol.Locations[0]);

    private static Location LocationOf(AttributeData attribute, Location fallback) =>
        attribute.ApplicationSyntaxReference is { } syntax ? Location.Create(syntax.SyntaxTree, syntax.Span) : fallback;

    /// <summary>One argument type a receiver takes, where to report it, and the receiver's attributes.</summary>
    private sealed class Received(string name, ITypeSymbol arguments, Location location, AttributeData[] attributes)
    {
        public string Name { get; } = name;

        public ITypeSymbol Arguments { get; } = arguments;

        public Location Location { get; } = location;

        public AttributeData[] Attributes { get; } = attributes;
    }
}
