using System.Collections.Concurrent;
using BlogShop.Signals;

namespace BlogShop.Tests.Signals;

public class ConcurrentUseTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Connect_disconnect_and_send_from_many_threads_lose_no_registration(bool useCaching)
    {
        const int Threads = 8;
        const int PerThread = 400;
        var signal = new Signal<Ping>("ping", useCaching);
        var senders = new object[] { typeof(Article), typeof(Comment) };
        var errors = new ConcurrentQueue<Exception>();
        var failedDisconnects = 0;
        using var start = new Barrier(Threads + 2);
        var stop = 0;

        var workers = Enumerable.Range(0, Threads).Select(t => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                for (var i = 0; i < PerThread; i++)
                {
                    var sender = senders[i % 2];
                    var uid = $"{t}-{i}";
                    signal.Connect((_, _) => { }, sender: sender, dispatchUid: uid);
                    signal.Send(sender, new Ping(i));
                    if (i % 2 == 1 && !signal.Disconnect(sender: sender, dispatchUid: uid))
                    {
                        Interlocked.Increment(ref failedDisconnects);
                    }
                }
            },
            TaskCreationOptions.LongRunning)).ToList();

        var readers = Enumerable.Range(0, 2).Select(r => Task.Factory.StartNew(
            async () =>
            {
                start.SignalAndWait();
                while (Volatile.Read(ref stop) == 0)
                {
                    try
                    {
                        signal.SendRobust(senders[r], new Ping(r));
                        await signal.SendAsync(senders[r], new Ping(r));
                        signal.HasListeners(senders[r]);
                    }
                    catch (Exception ex)
                    {
                        errors.Enqueue(ex);
                    }
                }
            },
            TaskCreationOptions.LongRunning).Unwrap()).ToList();

        await Task.WhenAll(workers);
        Volatile.Write(ref stop, 1);
        await Task.WhenAll(readers);

        Assert.Empty(errors);
        Assert.Equal(0, failedDisconnects);
        const int Remaining = Threads * PerThread / 2;
        Assert.Equal(Remaining, signal.ReceiverCount);

        // Even i (kept) are all for the first sender: each kept receiver is called exactly once by one send.
        Assert.Equal(Remaining, signal.Send(senders[0], new Ping(0)).Count);
        Assert.Empty(signal.Send(senders[1], new Ping(0)));
    }

    [Fact]
    public async Task Concurrent_connects_of_the_same_dispatch_uid_register_it_once()
    {
        var signal = new Signal<Ping>("ping");
        var calls = 0;

        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                signal.Connect((_, _) => Interlocked.Increment(ref calls), dispatchUid: "only-one");
            }
        })));

        signal.Send(null, new Ping(1));
        Assert.Equal(1, signal.ReceiverCount);
        Assert.Equal(1, calls);
    }
}
