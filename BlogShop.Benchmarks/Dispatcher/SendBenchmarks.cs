using BenchmarkDotNet.Attributes;
using BlogShop.Signals;

namespace BlogShop.Benchmarks.Dispatcher;

/// <summary><c>Send</c> to 0, 1 and 10 receivers connected for the sender, against a multicast delegate of the same methods.</summary>
[Config(typeof(DispatcherBenchmarkConfig))]
public class SendBenchmarks
{
    private readonly Ping _args = new(1);
    private readonly object _sender = typeof(Article);
    private Action<object?, Ping>? _plain;
    private Signal<Ping> _signal = null!;

    [Params(0, 1, 10)]
    public int Receivers { get; set; }

    [Params(false, true)]
    public bool UseCaching { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var counters = Dispatcher.Receivers.Create(Receivers);
        _plain = null;
        foreach (var counter in counters)
        {
            _plain += counter.Add;
        }

        _signal = Dispatcher.Receivers.Signal(counters, UseCaching);
    }

    [Benchmark(Baseline = true)]
    public void PlainDelegate() => _plain?.Invoke(_sender, _args);

    [Benchmark]
    public IReadOnlyList<SignalResponse> Send() => _signal.Send(_sender, _args);
}
