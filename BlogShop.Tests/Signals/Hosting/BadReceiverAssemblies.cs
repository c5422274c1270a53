using System.Reflection;
using System.Reflection.Emit;
using BlogShop.Signals;

namespace BlogShop.Tests.Signals.Hosting;

/// <summary>
/// Builds throwaway assemblies holding one wrongly declared receiver each. They are emitted at run time so that the
/// test assembly itself only holds valid receivers (another test scans all of it).
/// </summary>
internal static class BadReceiverAssemblies
{
    /// <summary>A concrete class marked [Receiver] that implements no receiver interface.</summary>
    public static Assembly ClassWithoutInterface() =>
        Build(module =>
        {
            var type = module.DefineType("Bad.NotAReceiver", TypeAttributes.Public | TypeAttributes.Sealed);
            type.SetCustomAttribute(ReceiverOf());
            type.DefineDefaultConstructor(MethodAttributes.Public);
            type.CreateType();
        });

    /// <summary>An abstract class marked [Receiver].</summary>
    public static Assembly AbstractClass() =>
        Build(module =>
        {
            var type = module.DefineType("Bad.AbstractReceiver", TypeAttributes.Public | TypeAttributes.Abstract);
            type.SetCustomAttribute(ReceiverOf());
            type.CreateType();
        });

    /// <summary>A method marked [Receiver] with the given shape; its body returns null or nothing.</summary>
    public static Assembly Method(bool isStatic, Type returnType, params Type[] parameters) =>
        Method(ReceiverOf(), isStatic, returnType, parameters);

    /// <summary>A static <c>void Handle(object, TArgs)</c> marked <c>[Receiver(OnCommit = true)]</c>.</summary>
    public static Assembly OnCommitMethod<TArgs>()
    {
        var attribute = typeof(ReceiverAttribute);
        return Method(
            new CustomAttributeBuilder(attribute.GetConstructor(Type.EmptyTypes)!, [], [attribute.GetProperty(nameof(ReceiverAttribute.OnCommit))!], [true]),
            isStatic: true,
            typeof(void),
            [typeof(object), typeof(TArgs)]);
    }

    private static AssemblyBuilder Method(CustomAttributeBuilder receiver, bool isStatic, Type returnType, Type[] parameters) =>
        Build(module =>
        {
            var type = module.DefineType("Bad.Receivers", TypeAttributes.Public);
            type.DefineDefaultConstructor(MethodAttributes.Public);
            var attributes = MethodAttributes.Public | (isStatic ? MethodAttributes.Static : 0);
            var method = type.DefineMethod("Handle", attributes, returnType, parameters);
            method.SetCustomAttribute(receiver);
            var il = method.GetILGenerator();
            if (returnType != typeof(void))
            {
                il.Emit(OpCodes.Ldnull);
            }

            il.Emit(OpCodes.Ret);
            type.CreateType();
        });

    /// <summary>
    /// A class implementing <c>ISignalReceiver&lt;TArgs&gt;</c> (its HandleAsync does nothing) marked
    /// <c>[Receiver(Sender = sender)]</c>.
    /// </summary>
    public static Assembly ClassWithSender<TArgs>(Type sender) =>
        Build(module =>
        {
            var type = module.DefineType("Bad.ReceiverWithSender", TypeAttributes.Public | TypeAttributes.Sealed);
            var attribute = typeof(ReceiverAttribute);
            type.SetCustomAttribute(new CustomAttributeBuilder(
                attribute.GetConstructor(Type.EmptyTypes)!, [], [attribute.GetProperty(nameof(ReceiverAttribute.Sender))!], [sender]));
            type.DefineDefaultConstructor(MethodAttributes.Public);
            var contract = typeof(ISignalReceiver<TArgs>);
            type.AddInterfaceImplementation(contract);
            var handle = type.DefineMethod(
                "HandleAsync",
                MethodAttributes.Public | MethodAttributes.Virtual | MethodAttributes.Final | MethodAttributes.NewSlot | MethodAttributes.HideBySig,
                typeof(ValueTask),
                [typeof(object), typeof(TArgs), typeof(CancellationToken)]);
            var il = handle.GetILGenerator();
            var result = il.DeclareLocal(typeof(ValueTask));
            il.Emit(OpCodes.Ldloca_S, result);
            il.Emit(OpCodes.Initobj, typeof(ValueTask));
            il.Emit(OpCodes.Ldloc_0);
            il.Emit(OpCodes.Ret);
            type.DefineMethodOverride(handle, contract.GetMethod(nameof(ISignalReceiver<TArgs>.HandleAsync))!);
            type.CreateType();
        });

    private static AssemblyBuilder Build(Action<ModuleBuilder> define)
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName($"BadReceivers{Guid.NewGuid():N}"), AssemblyBuilderAccess.Run);
        define(assembly.DefineDynamicModule("Bad"));
        return assembly;
    }

    private static CustomAttributeBuilder ReceiverOf() =>
        new(typeof(ReceiverAttribute).GetConstructor(Type.EmptyTypes)!, []);
}
