using System.Globalization;

namespace BlogShop.Benchmarks.ModelSignals;

/// <summary>
/// The same operations as <see cref="SaveChangesBenchmarks"/>, measured in interleaved rounds by the CPU time of this
/// process, reporting medians, minimums and their ratios to (a). On a machine shared with other busy processes
/// BenchmarkDotNet's one-case-after-another runs drift with the load; interleaving puts every wiring under the same
/// conditions, and the order of (a), (b), (c) rotates every round so none always runs first. Beside the CPU time it
/// prints what each operation allocated and how long the garbage collector paused it (medians).
/// Run: <c>dotnet run -c Release --project BlogShop.Benchmarks -- --ef-interleaved [rounds] [batch sizes, e.g. 10000,100] [groups, e.g. Insert,Transaction]</c>
/// (every group, Insert, Update and Transaction, when none is named).
/// </summary>
internal static class InterleavedSaveChanges
{
    private readonly record struct Measurement(double CpuMs, double AllocatedMB, double GcPauseMs);

    private sealed record Operation(string Name, Action<SaveChangesBenchmarks> Setup, Func<SaveChangesBenchmarks, int> Work, Action<SaveChangesBenchmarks> Cleanup);

    public static void Run(int rounds, IReadOnlyList<int> batchSizes, IReadOnlyList<string>? groupNames = null)
    {
        Operation[][] all =
        [
            [
                new("Insert (a) no signals", b => b.EmptyTable(), b => b.Insert_a_NoSignals(), _ => { }),
                new("Insert (b) UseSignals, no receivers", b => b.EmptyTable(), b => b.Insert_b_UseSignals_NoReceivers(), _ => { }),
                new("Insert (c) pre_save + post_save", b => b.EmptyTable(), b => b.Insert_c_PreAndPostSaveReceivers(), _ => { }),
            ],
            [
                new("Update (a) no signals", b => b.LoadWithoutSignals(), b => b.Update_a_NoSignals(), b => b.DisposeContexts()),
                new("Update (b) UseSignals, no receivers", b => b.LoadWithSignals(), b => b.Update_b_UseSignals_NoReceivers(), b => b.DisposeContexts()),
                new("Update (c) pre_save + post_save", b => b.LoadWithReceivers(), b => b.Update_c_PreAndPostSaveReceivers(), b => b.DisposeContexts()),
            ],
            [
                new("Transaction (a) no signals", b => b.EmptyTable(), b => b.Transaction_a_NoSignals(), _ => { }),
                new("Transaction (b) no signals, caller's transaction", b => b.EmptyTable(), b => b.Transaction_b_NoSignals_CallerTransaction(), _ => { }),
                new("Transaction (c) post_save, library's transaction", b => b.EmptyTable(), b => b.Transaction_c_PostSave_LibraryTransaction(), _ => { }),
                new("Transaction (d) post_save, caller's transaction", b => b.EmptyTable(), b => b.Transaction_d_PostSave_CallerTransaction(), _ => { }),
            ],
        ];
        var groups = groupNames is null
            ? all
            : [.. all.Where(g => groupNames.Any(name => g[0].Name.StartsWith(name + " ", StringComparison.OrdinalIgnoreCase)))];

        Console.WriteLine("| Operation | BatchSize | CPU median | Ratio (medians) | CPU minimum | Ratio (minimums) | Allocated | GC pauses |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var batchSize in batchSizes)
        {
            using var benchmarks = new SaveChangesBenchmarks { BatchSize = batchSize };
            benchmarks.GlobalSetup();
            var times = groups.Select(g => g.Select(_ => new List<Measurement>()).ToArray()).ToArray();
            for (var round = 0; round <= rounds; round++)
            {
                for (var g = 0; g < groups.Length; g++)
                {
                    for (var k = 0; k < groups[g].Length; k++)
                    {
                        var i = (round + k) % groups[g].Length;
                        var elapsed = Measure(benchmarks, groups[g][i]);
                        if (round > 0)
                        {
                            times[g][i].Add(elapsed); // round 0 warms up
                        }
                    }
                }
            }

            for (var g = 0; g < groups.Length; g++)
            {
                var (baseMedian, baseMin) = (Median(times[g][0], m => m.CpuMs), times[g][0].Min(m => m.CpuMs));
                for (var i = 0; i < groups[g].Length; i++)
                {
                    var (median, min) = (Median(times[g][i], m => m.CpuMs), times[g][i].Min(m => m.CpuMs));
                    var (allocated, paused) = (Median(times[g][i], m => m.AllocatedMB), Median(times[g][i], m => m.GcPauseMs));
                    Console.WriteLine(string.Create(
                        CultureInfo.InvariantCulture,
                        $"| {groups[g][i].Name} | {batchSize} | {median:F1} ms | {median / baseMedian:F3} | {min:F1} ms | {min / baseMin:F3} | {allocated:F2} MB | {paused:F1} ms |"));
                }
            }
        }
    }

    /// <summary>One operation after a full collection: its CPU time, what it allocated, and the GC's pauses during it.</summary>
    private static Measurement Measure(SaveChangesBenchmarks benchmarks, Operation operation)
    {
        operation.Setup(benchmarks);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var paused = GC.GetTotalPauseDuration();
        var before = ProcessCpuClock.Instance.GetTimestamp();
        operation.Work(benchmarks);
        var elapsed = ProcessCpuClock.Instance.GetTimestamp() - before;
        var measurement = new Measurement(
            elapsed / 1e6, (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0, (GC.GetTotalPauseDuration() - paused).TotalMilliseconds);
        operation.Cleanup(benchmarks);
        return measurement;
    }

    private static double Median(List<Measurement> measurements, Func<Measurement, double> value)
    {
        var sorted = measurements.Select(value).Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
