using BenchmarkDotNet.Attributes;
using BlogShop.Signals;

namespace BlogShop.Benchmarks.Dispatcher;

/// <summary>
/// <c>Send</c> when only some receivers listen to the sender (10 for it, 10 for another sender): the case
/// <c>useCaching</c> is for. The baseline is a multicast delegate of the 10 that listen.
/// </summary>
[Config(typeof(DispatcherBenchmarkConfig))]
public class SendFilteredBenchmarks
{
    private readonly Ping _args = new(1);
    private Action<object?, Ping>? _plain;
    private Signal<Ping> _signal = null!;

    [Params(false, true)]
    public bool UseCaching { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var listening = Receivers.Create(10);
        _plain = null;
        foreach (var counter in listening)
        {
            _plain += counter.Add;
        }

        _signal = Receivers.Signal(listening, UseCaching);
        foreach (var counter in Receivers.Create(10))
        {
            _signal.Connect(counter.Add, sender: typeof(Counter));
        }
    }

    [Benchmark(Baseline = true)]
    public void PlainDelegate() => _plain?.Invoke(typeof(Article), _args);

    [Benchmark]
    public IReadOnlyList<SignalResponse> Send() => _signal.Send(typeof(Article), _args);
}
