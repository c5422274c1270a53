using BenchmarkDotNet.Attributes;
using BlogShop.Signals;

namespace BlogShop.Benchmarks.Dispatcher;

/// <summary>
/// <c>SendAsync</c> to 1 and 10 async receivers (which finish at once, as most do), against awaiting the same async
/// delegates one by one by hand: a multicast delegate cannot await each of its handlers.
/// </summary>
[Config(typeof(DispatcherBenchmarkConfig))]
public class SendAsyncBenchmarks
{
    private readonly Ping _args = new(1);
    private readonly object _sender = typeof(Article);
    private Func<object?, Ping, CancellationToken, Task>[] _plain = [];
    private Signal<Ping> _signal = null!;

    [Params(1, 10)]
    public int Receivers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var counters = Dispatcher.Receivers.Create(Receivers);
        _plain = counters.Select(c => (Func<object?, Ping, CancellationToken, Task>)c.AddAsync).ToArray();
        _signal = new Signal<Ping>("ping");
        foreach (var counter in counters)
        {
            _signal.Connect(counter.AddAsync, sender: typeof(Article));
        }
    }

    [Benchmark(Baseline = true)]
    public async Task PlainAsyncDelegates()
    {
        foreach (var handler in _plain)
        {
            await handler(_sender, _args, CancellationToken.None).ConfigureAwait(false);
        }
    }

    [Benchmark]
    public ValueTask<IReadOnlyList<SignalResponse>> SendAsync() => _signal.SendAsync(_sender, _args);
}
