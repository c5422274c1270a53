using System.Reflection;
using BlogShop.Signals;
using BlogShop.Signals.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BlogShop.Tests.Signals.Hosting;

public class ReceiverDeclarationErrorTests
{
    [Fact]
    public void A_receiver_class_without_the_signals_interface_is_refused_when_declared()
    {
        var assembly = BadReceiverAssemblies.ClassWithoutInterface();
        var services = new ServiceCollection();

        var error = Assert.Throws<InvalidOperationException>(() => services.AddSignals(s => s.AddReceiversFrom(assembly)));

        Assert.Contains("Bad.NotAReceiver", error.Message, StringComparison.Ordinal);
        Assert.Contains("ISignalReceiver<TArgs>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_receiver_of_arguments_no_signal_takes_fails_the_host_start_and_lists_the_known_signals()
    {
        using var host = new HostBuilder()
            .ConfigureServices(services => services.AddSignals(s => AddReceiverUnchecked(s.AddModelSignals().AddSignal<Ping>("test_ping"), typeof(ReceiverOfUris))))
            .Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains(nameof(ReceiverOfUris), error.Message, StringComparison.Ordinal);
        Assert.Contains("receiver of Uri", error.Message, StringComparison.Ordinal);
        Assert.Contains("test_ping (Ping)", error.Message, StringComparison.Ordinal);
        Assert.Contains("post_save (PostSave)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_receiver_of_arguments_two_signals_take_is_refused_naming_both()
    {
        using var services = new ServiceCollection()
            .AddSignals(s => s.AddSignal<Ping>("test_ping").AddSignal<PingAgain>().AddReceiver<RecordPing>())
            .BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<Signal<Ping>>());

        Assert.Contains("'test_ping'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'test_ping_again'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sender_that_contradicts_the_argument_type_is_refused()
    {
        var assembly = BadReceiverAssemblies.ClassWithSender<PostSave<Article>>(typeof(Comment));
        using var services = new ServiceCollection().AddSignals(s => s.AddModelSignals().AddReceiversFrom(assembly)).BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<ModelSignals>());

        Assert.Contains("Bad.ReceiverWithSender", error.Message, StringComparison.Ordinal);
        Assert.Contains("from Article", error.Message, StringComparison.Ordinal);
        Assert.Contains("sender Comment", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(typeof(void), new[] { typeof(int) })]
    [InlineData(typeof(void), new[] { typeof(object), typeof(Pong) })]
    [InlineData(typeof(ValueTask), new[] { typeof(object), typeof(Ping), typeof(CancellationToken) })]
    [InlineData(typeof(Task), new[] { typeof(object), typeof(Ping) })]
    public void A_static_method_of_the_wrong_shape_fails_when_the_signals_are_resolved(Type returnType, Type[] parameters)
    {
        var assembly = BadReceiverAssemblies.Method(isStatic: true, returnType, parameters);
        using var services = new ServiceCollection().AddSignals(s => s.AddSignal<Ping>("test_ping").AddReceiversFrom(assembly)).BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<Signal<Ping>>());

        Assert.Contains("Bad.Receivers.Handle", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_instance_method_marked_as_a_receiver_is_refused_when_declared()
    {
        var assembly = BadReceiverAssemblies.Method(isStatic: false, typeof(void), typeof(object), typeof(Ping));
        var services = new ServiceCollection();

        var error = Assert.Throws<InvalidOperationException>(() => services.AddSignals(s => s.AddReceiversFrom(assembly)));

        Assert.Contains("Bad.Receivers.Handle", error.Message, StringComparison.Ordinal);
        Assert.Contains("instance method", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_OnCommit_receiver_method_is_refused_when_declared_rather_than_run_at_once()
    {
        var assembly = BadReceiverAssemblies.OnCommitMethod<PostSave<Article>>();
        var services = new ServiceCollection();

        var error = Assert.Throws<InvalidOperationException>(() => services.AddSignals(s => s.AddModelSignals().AddReceiversFrom(assembly)));

        Assert.Contains("Bad.Receivers.Handle", error.Message, StringComparison.Ordinal);
        Assert.Contains("OnCommit, which only receiver classes support", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_abstract_receiver_class_is_refused_when_declared()
    {
        var assembly = BadReceiverAssemblies.AbstractClass();
        var services = new ServiceCollection();

        var error = Assert.Throws<InvalidOperationException>(() => services.AddSignals(s => s.AddReceiversFrom(assembly)));

        Assert.Contains("Bad.AbstractReceiver", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_class_without_the_signals_interface_is_refused_by_AddReceiver()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<InvalidOperationException>(() => services.AddSignals(s => AddReceiverUnchecked(s, typeof(Journal))));

        Assert.Contains(typeof(Journal).FullName!, error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// <c>AddReceiver&lt;T&gt;()</c> with a type the compiler does not see: what a build without the package's analyzer
    /// does (written <c>AddReceiver&lt;T&gt;()</c> here, these receivers are build errors BSIG0001 and BSIG0007).
    /// </summary>
    private static void AddReceiverUnchecked(SignalsBuilder signals, Type receiver) =>
        typeof(SignalsBuilder).GetMethod(nameof(SignalsBuilder.AddReceiver))!.MakeGenericMethod(receiver)
            .Invoke(signals, BindingFlags.DoNotWrapExceptions, binder: null, parameters: null, culture: null);

    /// <summary>Added explicitly (no [Receiver], so the assembly scan of other tests leaves it alone).</summary>
    public sealed class ReceiverOfUris : ISignalReceiver<Uri>
    {
        public ValueTask HandleAsync(object? sender, Uri args, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    /// <summary>A second signal taking <see cref="Ping"/>: its receivers could not tell the two apart.</summary>
    public sealed class PingAgain() : Signal<Ping>("test_ping_again");
}
