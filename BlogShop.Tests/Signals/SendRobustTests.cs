using BlogShop.Signals;
using Microsoft.Extensions.Logging;

namespace BlogShop.Tests.Signals;

public class SendRobustTests
{
    [Fact]
    public void SendRobust_calls_every_receiver_and_returns_the_exception_in_place_of_the_failing_response()
    {
        var signal = new Signal<Ping>("ping");
        signal.Connect((_, e) => (object?)e.Value);
        signal.Connect(Failing.Throw);
        signal.Connect((_, e) => (object?)(e.Value + 1));

        var responses = signal.SendRobust(null, new Ping(1));

        Assert.Equal(3, responses.Count);
        Assert.Equal(1, responses[0].Response);
        Assert.False(responses[0].Failed);
        var failure = Assert.IsType<InvalidOperationException>(responses[1].Response);
        Assert.Same(failure, responses[1].Error);
        Assert.True(responses[1].Failed);
        Assert.Equal("Failing.Throw", responses[1].Receiver);
        Assert.Equal(2, responses[2].Response);
    }

    [Fact]
    public void SendRobust_calls_every_receiver_when_all_of_them_return_nothing()
    {
        var signal = new Signal<Ping>("ping");
        var calls = new List<string>();
        signal.Connect((_, _) => calls.Add("before"));
        signal.Connect(Failing.Throw);
        signal.Connect((_, _) => calls.Add("after"));

        var responses = signal.SendRobust(null, new Ping(1));

        Assert.Equal(["before", "after"], calls);
        Assert.Equal([false, true, false], responses.Select(r => r.Failed));
        Assert.Null(responses[2].Response);
    }

    [Fact]
    public void SendRobust_logs_the_failure_at_Error_with_the_receiver_name_signal_name_and_exception()
    {
        using var provider = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(provider));
        var signal = new Signal<Ping>("ping", logger: factory.CreateLogger("signals"));
        signal.Connect(Failing.Throw);

        var response = Assert.Single(signal.SendRobust(null, new Ping(1)));

        var entry = Assert.Single(provider.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Same(response.Error, entry.Exception);
        Assert.Equal("Failing.Throw", entry.Values["Receiver"]);
        Assert.Equal("ping", entry.Values["Signal"]);
        Assert.Contains("Failing.Throw", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendRobustAsync_returns_and_logs_a_failing_async_receiver_and_calls_the_rest()
    {
        using var provider = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(provider));
        var signal = new Signal<Ping>("ping", logger: factory.CreateLogger("signals"));
        signal.Connect(Failing.ThrowLaterAsync);
        signal.Connect((_, e) => (object?)e.Value);

        var responses = await signal.SendRobustAsync(null, new Ping(3));

        Assert.IsType<TimeoutException>(responses[0].Error);
        Assert.Equal(3, responses[1].Response);
        Assert.Equal("Failing.ThrowLaterAsync", Assert.Single(provider.Entries).Values["Receiver"]);
    }

    [Fact]
    public void SendRobust_survives_a_logger_that_throws()
    {
        using var factory = LoggerFactory.Create(b => b.AddProvider(new ThrowingLoggerProvider()));
        var signal = new Signal<Ping>("ping", logger: factory.CreateLogger("signals"));
        signal.Connect(Failing.Throw);
        signal.Connect((_, e) => (object?)e.Value);

        var responses = signal.SendRobust(null, new Ping(9));

        Assert.IsType<InvalidOperationException>(responses[0].Error);
        Assert.Equal(9, responses[1].Response);
    }

    [Fact]
    public void Send_propagates_the_first_exception_and_does_not_call_later_receivers()
    {
        var signal = new Signal<Ping>("ping");
        var calls = new List<string>();
        signal.Connect((_, _) => calls.Add("before"));
        signal.Connect(Failing.Throw);
        signal.Connect((_, _) => calls.Add("after"));

        var error = Assert.Throws<InvalidOperationException>(() => signal.Send(null, new Ping(1)));

        Assert.Equal("receiver failed", error.Message);
        Assert.Equal(["before"], calls);
    }

    [Fact]
    public async Task SendAsync_propagates_the_first_exception_and_does_not_call_later_receivers()
    {
        var signal = new Signal<Ping>("ping");
        var calls = new List<string>();
        signal.Connect(Failing.ThrowLaterAsync);
        signal.Connect((_, _) => calls.Add("after"));

        await Assert.ThrowsAsync<TimeoutException>(() => signal.SendAsync(null, new Ping(1)).AsTask());

        Assert.Empty(calls);
    }

    private static class Failing
    {
        public static void Throw(object? sender, Ping args) => throw new InvalidOperationException("receiver failed");

        public static async Task ThrowLaterAsync(object? sender, Ping args, CancellationToken cancellationToken)
        {
            await Task.Yield();
            throw new TimeoutException("async receiver failed");
        }
    }
}
