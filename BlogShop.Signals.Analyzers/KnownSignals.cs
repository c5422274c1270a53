using Microsoft.CodeAnalysis;

namespace BlogShop.Signals.Analyzers;

/// <summary>
/// The argument types of the signals a compilation can see: every <c>Signal&lt;TArgs&gt;</c> subclass, property or
/// field declared in it or in an assembly it references that builds on BlogShop.Signals (ModelSignals' post_save,
/// a custom <c>OrderPlaced : Signal&lt;Order&gt;</c>), and every <c>AddSignal&lt;TArgs&gt;(name)</c> and
/// <c>new Signal&lt;TArgs&gt;(...)</c> in its source.
/// </summary>
/// <remarks>
/// The host decides at startup which of these it adds, so a receiver of a type that is here can still fail to start
/// (its signal not added to that host, or two signals of the host taking the type): the startup check stays for that.
/// A per-sender argument type (<c>PostSave&lt;Comment&gt;</c>) is recognized by its shape: a generic class with one
/// type argument, the sender, deriving from the argument type of a signal here. The runtime also requires the signal
/// to declare that form (the model signals do); a user type of the same shape is accepted here and refused at startup.
/// </remarks>
internal sealed class KnownSignals
{
    private readonly HashSet<ITypeSymbol> _arguments = new(SymbolEqualityComparer.Default);

    public KnownSignals(Compilation compilation, SignalTypes types, IEnumerable<ITypeSymbol> addedInSource)
    {
        var core = types.Signal.ContainingAssembly.Name;
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols.Prepend(compilation.Assembly))
        {
            if (assembly.Name == core || assembly.Modules.Any(m => m.ReferencedAssemblies.Any(r => r.Name == core)))
            {
                AddDeclared(assembly.GlobalNamespace, types);
            }
        }

        _arguments.UnionWith(addedInSource);
    }

    /// <summary>
    /// True when a receiver of <paramref name="arguments"/> receives one of these signals; <paramref name="sender"/>
    /// is the sender a per-sender argument type names, otherwise null.
    /// </summary>
    public bool Accept(ITypeSymbol arguments, out ITypeSymbol? sender)
    {
        sender = null;
        if (_arguments.Contains(arguments))
        {
            return true;
        }

        if (arguments is INamedTypeSymbol { IsGenericType: true, IsUnboundGenericType: false, TypeArguments.Length: 1 } perSender &&
            perSender.BaseType is { IsGenericType: false } common && _arguments.Contains(common))
        {
            sender = perSender.TypeArguments[0];
            return true;
        }

        return false;
    }

    private void AddDeclared(INamespaceOrTypeSymbol container, SignalTypes types)
    {
        foreach (var member in container.GetMembers())
        {
            switch (member)
            {
                case INamespaceOrTypeSymbol nested:
                    if (nested is ITypeSymbol type)
                    {
                        Add(types.SignalArgumentsOf(type));
                    }

                    AddDeclared(nested, types);
                    break;
                case IPropertySymbol property:
                    Add(types.SignalArgumentsOf(property.Type));
                    break;
                case IFieldSymbol field:
                    Add(types.SignalArgumentsOf(field.Type));
                    break;
            }
        }
    }

    private void Add(ITypeSymbol? arguments)
    {
        if (arguments is not null)
        {
            _arguments.Add(arguments);
        }
    }
}
