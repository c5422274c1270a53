using System.Runtime.CompilerServices;
using BlogShop.Signals;
using BlogShop.Tests.Signals;
using Microsoft.Extensions.Logging;

namespace BlogShop.Tests.Conformance.Django.Dispatch;

/// <summary>The arguments of Django's test signals, <c>Signal()</c> sent with <c>val=...</c>.</summary>
public sealed record Val(object? Value);

/// <summary>Django's module-level receivers of tests/dispatch/tests.py.</summary>
internal static class Receivers
{
    public static object? receiver_1_arg(object? sender, Val args) => args.Value;

    public static Task<object?> receiver_1_arg_async(object? sender, Val args, CancellationToken cancellationToken) =>
        Task.FromResult(args.Value);
}

/// <summary>Django's <c>Callable</c>: an object whose bound method is a receiver.</summary>
internal sealed class Callable
{
    public int Calls { get; private set; }

    public object? Call(object? sender, Val args)
    {
        Calls++;
        return args.Value;
    }

    public object? a(object? sender, Val args) => Call(sender, args);
}

/// <summary>
/// Django's tests/dispatch/tests.py, <c>DispatcherTests</c>: one test per Django test method, named after it. Django's
/// module-level signals are fields of the test class here (a new class instance per test, so no state is shared).
/// Where Django relies on its weak default the port passes <c>weak: true</c>; our default is strong (see
/// <see cref="Deviation_receivers_are_strong_by_default"/>).
/// </summary>
public sealed class DispatcherTests
{
    private readonly Signal<Val> a_signal = new("a_signal");
    private readonly Signal<Val> d_signal = new("d_signal", useCaching: true);

    private static void assertTestIsClean(Signal<Val> signal)
    {
        Assert.False(signal.HasListeners());
        Assert.Equal(0, signal.ReceiverCount);
    }

    private static void garbage_collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    [Fact]
    public void test_send()
    {
        a_signal.Connect(Receivers.receiver_1_arg, sender: this);
        a_signal.Connect(Receivers.receiver_1_arg_async, sender: this);

        var result = a_signal.Send(this, new Val("test"));

        Assert.Equal([("Receivers.receiver_1_arg", "test"), ("Receivers.receiver_1_arg_async", "test")], result.Select(r => (r.Receiver, r.Response)));
        a_signal.Disconnect(Receivers.receiver_1_arg, sender: this);
        a_signal.Disconnect(Receivers.receiver_1_arg_async, sender: this);
        assertTestIsClean(a_signal);
    }

    [Fact]
    public void test_send_no_receivers()
    {
        Assert.Empty(a_signal.Send(this, new Val("test")));
    }

    [Fact]
    public void test_send_connected_no_sender()
    {
        a_signal.Connect(Receivers.receiver_1_arg);

        var result = a_signal.Send(this, new Val("test"));

        Assert.Equal([("Receivers.receiver_1_arg", (object?)"test")], result.Select(r => (r.Receiver, r.Response)));
        a_signal.Disconnect(Receivers.receiver_1_arg);
        assertTestIsClean(a_signal);
    }

    [Fact]
    public void test_send_different_no_sender()
    {
        a_signal.Connect(Receivers.receiver_1_arg, sender: typeof(object));

        Assert.Empty(a_signal.Send(this, new Val("test")));
        a_signal.Disconnect(Receivers.receiver_1_arg, sender: typeof(object));
        assertTestIsClean(a_signal);
    }

    [Fact]
    public void test_unweakrefable_sender()
    {
        var sender = new object();
        a_signal.Connect(Receivers.receiver_1_arg, sender: sender);

        var result = a_signal.Send(sender, new Val("test"));

        Assert.Equal(["test"], result.Select(r => r.Response));
        a_signal.Disconnect(Receivers.receiver_1_arg, sender: sender);
        assertTestIsClean(a_signal);
        GC.KeepAlive(sender);
    }

    [Fact]
    public void test_garbage_collected_receiver()
    {
        ConnectCallable(a_signal, this);
        garbage_collect();

        Assert.Empty(a_signal.Send(this, new Val("test")));
        assertTestIsClean(a_signal);
    }

    [Fact]
    public void test_garbage_collected_sender()
    {
        var signal = new Signal<Val>("signal");
        var firstReceiver = ConnectForTemporarySender(signal);
        garbage_collect();
        Assert.False(firstReceiver.TryGetTarget(out _));

        var sender = new object();
        signal.Connect(SecondReceiver, sender);
        var result = signal.Send(sender, new Val("second"));

        Assert.Equal([("DispatcherTests.SecondReceiver", (object?)"second")], result.Select(r => (r.Receiver, r.Response)));
        Assert.Equal(1, signal.ReceiverCount);
        GC.KeepAlive(sender);
    }

    [Fact]
    public void test_cached_garbaged_collected()
    {
        d_signal.Connect(Receivers.receiver_1_arg);
        var wref = SendFromTemporarySender(d_signal);
        garbage_collect();
        try
        {
            Assert.False(wref.TryGetTarget(out _));
        }
        finally
        {
            d_signal.Disconnect(Receivers.receiver_1_arg);
        }
    }

    [Fact]
    public void test_multiple_registration()
    {
        var result = ConnectSixTimesAndSend(a_signal, this);

        Assert.Single(result);
        garbage_collect();
        assertTestIsClean(a_signal);
    }

    [Fact]
    public void test_uid_registration()
    {
        a_signal.Connect((object? sender, Val args) => { }, dispatchUid: "uid");
        a_signal.Connect((object? sender, Val args) => { }, dispatchUid: "uid");

        Assert.Equal(1, a_signal.ReceiverCount);
        a_signal.Disconnect(dispatchUid: "uid");
        assertTestIsClean(a_signal);
    }

    [Fact]
    public void test_send_robust_success()
    {
        a_signal.Connect(Receivers.receiver_1_arg);

        var result = a_signal.SendRobust(this, new Val("test"));

        Assert.Equal([("Receivers.receiver_1_arg", (object?)"test")], result.Select(r => (r.Receiver, r.Response)));
        a_signal.Disconnect(Receivers.receiver_1_arg);
        assertTestIsClean(a_signal);
    }

    [Fact]
    public void test_send_robust_no_receivers()
    {
        Assert.Empty(a_signal.SendRobust(this, new Val("test")));
    }

    [Fact]
    public void test_send_robust_ignored_sender()
    {
        a_signal.Connect(Receivers.receiver_1_arg);

        var result = a_signal.SendRobust(this, new Val("test"));

        Assert.Equal(["test"], result.Select(r => r.Response));
        a_signal.Disconnect(Receivers.receiver_1_arg);
        assertTestIsClean(a_signal);
    }

    [Fact]
    public void test_send_robust_fail()
    {
        using var provider = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(provider));
        var signal = new Signal<Val>("a_signal", logger: factory.CreateLogger("django.dispatch"));
        signal.Connect(Fails);

        var result = signal.SendRobust(this, new Val("test"));

        var err = Assert.IsType<ArgumentException>(result[0].Response);
        Assert.Equal("this", err.Message);
        Assert.NotNull(err.StackTrace);
        var log = Assert.Single(provider.Entries);
        Assert.Equal(LogLevel.Error, log.Level);
        Assert.StartsWith("Error calling DispatcherTests.Fails in Signal.send_robust() (this)", log.Message, StringComparison.Ordinal);
        Assert.Same(err, log.Exception);
        signal.Disconnect(Fails);
        assertTestIsClean(signal);
    }

    [Fact]
    public void test_disconnection()
    {
        var receiver_1 = new Callable();
        var receiver_3 = new Callable();
        a_signal.Connect(receiver_1.Call, weak: true);
        ConnectCallable(a_signal, sender: null);
        a_signal.Connect(receiver_3.Call, weak: true);

        a_signal.Disconnect(receiver_1.Call);
        garbage_collect();
        a_signal.Disconnect(receiver_3.Call);

        assertTestIsClean(a_signal);
    }

    [Fact]
    public void test_values_returned_by_disconnection()
    {
        var receiver_1 = new Callable();
        var receiver_2 = new Callable();
        a_signal.Connect(receiver_1.Call);

        Assert.True(a_signal.Disconnect(receiver_1.Call));
        Assert.False(a_signal.Disconnect(receiver_2.Call));
        assertTestIsClean(a_signal);
    }

    [Fact]
    public void test_has_listeners()
    {
        Assert.False(a_signal.HasListeners());
        Assert.False(a_signal.HasListeners(new object()));
        var receiver_1 = new Callable();
        a_signal.Connect(receiver_1.Call);
        Assert.True(a_signal.HasListeners());
        Assert.True(a_signal.HasListeners(new object()));
        a_signal.Disconnect(receiver_1.Call);
        Assert.False(a_signal.HasListeners());
        Assert.False(a_signal.HasListeners(new object()));
    }

    /// <summary>Django holds receivers weakly by default; here a receiver is strong unless <c>weak: true</c>.</summary>
    [Fact]
    public void Deviation_receivers_are_strong_by_default()
    {
        ConnectCallableStrongly(a_signal);
        garbage_collect();

        Assert.Equal(["test"], a_signal.Send(this, new Val("test")).Select(r => r.Response));
    }

    /// <summary>Django silently drops a weak closure when it dies; here connecting one weakly is refused.</summary>
    [Fact]
    public void Deviation_a_lambda_connected_weakly_is_refused()
    {
        var captured = "x";
        Assert.Throws<ArgumentException>(() => a_signal.Connect((object? sender, Val args) => captured, weak: true));
    }

    private static void Fails(object? sender, Val args) => throw new ArgumentException("this");

    private static object? SecondReceiver(object? sender, Val args) => args.Value;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ConnectCallable(Signal<Val> signal, object? sender) => signal.Connect(new Callable().a, sender, weak: true);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ConnectCallableStrongly(Signal<Val> signal) => signal.Connect(new Callable().a);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IReadOnlyList<SignalResponse> ConnectSixTimesAndSend(Signal<Val> signal, object sender)
    {
        var a = new Callable();
        for (var i = 0; i < 6; i++)
        {
            signal.Connect(a.Call, weak: true);
        }

        var result = signal.Send(sender, new Val("test"));
        Assert.Equal(1, signal.ReceiverCount);
        return result;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference<object> ConnectForTemporarySender(Signal<Val> signal)
    {
        var sender = new object();
        signal.Connect(Receivers.receiver_1_arg, sender);
        Assert.Equal(["first"], signal.Send(sender, new Val("first")).Select(r => r.Response));
        return new WeakReference<object>(sender);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference<object> SendFromTemporarySender(Signal<Val> signal)
    {
        var sender = new object();
        signal.Send(sender, new Val("garbage"));
        return new WeakReference<object>(sender);
    }
}
