using BlogShop.Signals;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlogShop.Tests.Signals.Hosting;

public class ReceiverClassTests
{
    [Fact]
    public async Task A_receiver_class_is_created_through_DI_in_a_new_scope_for_each_send_and_the_scope_is_disposed()
    {
        await using var services = TestHosts.Build(s => s.AddReceiver<RecordPing>());
        var signal = services.GetRequiredService<Signal<Ping>>();

        signal.Send(null, new Ping(1));
        await signal.SendAsync(null, new Ping(2));

        var entries = services.GetRequiredService<Journal>().Entries.ToArray();
        Assert.Equal(["ping 1", "ping 2"], entries.Select(e => e.What));
        Assert.NotEqual(entries[0].Scope.Id, entries[1].Scope.Id);
        Assert.All(entries, e => Assert.True(e.Scope.Disposed));
    }

    [Fact]
    public async Task A_send_given_the_callers_scope_resolves_receiver_classes_from_it()
    {
        await using var services = TestHosts.Build(s => s.AddReceiver<RecordPing>());
        var signal = services.GetRequiredService<Signal<Ping>>();
        await using var scope = services.CreateAsyncScope();
        var requestProbe = scope.ServiceProvider.GetRequiredService<ScopedProbe>();

        signal.SendScoped(null, new Ping(1), scope.ServiceProvider);
        await signal.SendScopedAsync(null, new Ping(2), scope.ServiceProvider, robust: false, CancellationToken.None);

        var entries = services.GetRequiredService<Journal>().Entries.ToArray();
        Assert.All(entries, e => Assert.Same(requestProbe, e.Scope));
        Assert.False(requestProbe.Disposed);
    }

    [Fact]
    public async Task A_class_declared_for_two_signals_receives_both()
    {
        await using var services = TestHosts.Build(s => s.AddReceiver<RecordPingAndPong>());

        services.GetRequiredService<Signal<Ping>>().Send(null, new Ping(3));
        await services.GetRequiredService<Signal<Pong>>().SendAsync(null, new Pong("x"));

        Assert.Equal(["both: ping 3", "both: pong x"], services.GetRequiredService<Journal>().What);
    }

    [Fact]
    public async Task The_attributes_sender_and_order_decide_who_runs_and_first()
    {
        await using var services = TestHosts.Build(s => s.AddReceiver<RecordPing>().AddReceiver<RecordArticlePingFirst>());
        var signal = services.GetRequiredService<Signal<Ping>>();

        await signal.SendAsync(typeof(Article), new Ping(1));
        await signal.SendAsync(typeof(Comment), new Ping(2));

        Assert.Equal(["article ping 1", "ping 1", "ping 2"], services.GetRequiredService<Journal>().What);
    }

    [Fact]
    public async Task The_attributes_dispatch_uid_keeps_only_the_first_of_two_classes()
    {
        await using var services = TestHosts.Build(s => s.AddReceiver<AuditPong>().AddReceiver<AuditPongAgain>());

        var responses = services.GetRequiredService<Signal<Pong>>().Send(null, new Pong("p"));

        Assert.Equal("AuditPong", Assert.Single(responses).Receiver);
        Assert.Equal(["audit pong p"], services.GetRequiredService<Journal>().What);
    }

    [Fact]
    public async Task A_failing_receiver_class_is_logged_through_the_hosts_logger_by_SendRobustAsync()
    {
        var logs = new CapturingLoggerProvider();
        await using var services = TestHosts.Build(
            s => s.AddReceiver<FailOnCommentPong>(),
            c => c.AddLogging(b => b.AddProvider(logs)));

        var response = Assert.Single(await services.GetRequiredService<Signal<Pong>>().SendRobustAsync(typeof(Comment), new Pong("bad")));

        Assert.IsType<InvalidOperationException>(response.Error);
        var entry = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Equal("FailOnCommentPong", entry.Values["Receiver"]);
        Assert.Equal("test_pong", entry.Values["Signal"]);
        Assert.Same(response.Error, entry.Exception);
    }

    [Fact]
    public async Task Static_method_receivers_are_connected_with_their_sender_and_answer()
    {
        await using var services = TestHosts.Build(s => s.AddReceiversFrom([typeof(StaticPingReceivers)]));
        var signal = services.GetRequiredService<Signal<Ping>>();
        var forArticle = new Ping(1);
        var forComment = new Ping(2);

        var articleResponses = signal.Send(typeof(Article), forArticle);
        var commentResponses = await signal.SendAsync(typeof(Comment), forComment);

        Assert.Equal(["static sync"], forArticle.Calls);
        Assert.Equal(["static sync", "static async"], forComment.Calls);
        Assert.Single(articleResponses);
        Assert.Equal([null, 200], commentResponses.Select(r => r.Response));
        Assert.Equal("StaticPingReceivers.AnswerForCommentsAsync", commentResponses[1].Receiver);
    }
}
