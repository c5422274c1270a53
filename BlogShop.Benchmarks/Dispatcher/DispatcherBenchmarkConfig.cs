using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace BlogShop.Benchmarks.Dispatcher;

/// <summary>
/// A short in-process job: a few minutes on a busy 2-core machine. In process, because a generated benchmark project
/// would inherit the repository's build rules (warnings as errors) and cost a build per run. In process, every case
/// shares one JIT: the warmup is long enough for the tier-1 recompilation of the send path to land even when the
/// background compiler thread waits for a CPU; with three warmups the first case measured tier-0 code.
/// </summary>
public sealed class DispatcherBenchmarkConfig : ManualConfig
{
    public DispatcherBenchmarkConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(12)
            .WithIterationCount(10)
            .WithIterationTime(TimeInterval.FromMilliseconds(200))
            .WithId("Short"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median);
        HideColumns(Column.Error, Column.StdDev);
    }
}
