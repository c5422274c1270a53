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
    /// <summary>A concrete class marked [Receiver(signal)] that implements no receiver interface.</summary>
    public static Assembly ClassWithoutInterface(string signal) =>
        Build(module =>
        {
            var type = module.DefineType("Bad.NotAReceiver", TypeAttributes.Public | TypeAttributes.Sealed);
            type.SetCustomAttribute(ReceiverOf(signal));
            type.DefineDefaultConstructor(MethodAttributes.Public);
            type.CreateType();
        });

    /// <summary>An abstract class marked [Receiver].</summary>
    public static Assembly AbstractClass() =>
        Build(module =>
        {
            var type = module.DefineType("Bad.AbstractReceiver", TypeAttributes.Public | TypeAttributes.Abstract);
            type.SetCustomAttribute(ReceiverOf("test_ping"));
            type.CreateType();
        });

    /// <summary>A method marked [Receiver("test_ping")] with the given shape; its body returns null or nothing.</summary>
    public static Assembly Method(bool isStatic, Type returnType, params Type[] parameters) =>
        Build(module =>
        {
            var type = module.DefineType("Bad.Receivers", TypeAttributes.Public);
            type.DefineDefaultConstructor(MethodAttributes.Public);
            var attributes = MethodAttributes.Public | (isStatic ? MethodAttributes.Static : 0);
            var method = type.DefineMethod("Handle", attributes, returnType, parameters);
            method.SetCustomAttribute(ReceiverOf("test_ping"));
            var il = method.GetILGenerator();
            if (returnType != typeof(void))
            {
                il.Emit(OpCodes.Ldnull);
            }

            il.Emit(OpCodes.Ret);
            type.CreateType();
        });

    private static AssemblyBuilder Build(Action<ModuleBuilder> define)
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName($"BadReceivers{Guid.NewGuid():N}"), AssemblyBuilderAccess.Run);
        define(assembly.DefineDynamicModule("Bad"));
        return assembly;
    }

    private static CustomAttributeBuilder ReceiverOf(string signal) =>
        new(typeof(ReceiverAttribute).GetConstructor([typeof(string)])!, [signal]);
}
