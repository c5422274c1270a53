using System.Diagnostics;
using System.Globalization;

namespace BlogShop.Benchmarks.ModelSignals;

/// <summary>
/// The same operations as <see cref="SaveChangesBenchmarks"/>, measured in interleaved rounds (a, b, c, a, b, c, ...)
/// by the CPU time of this process, reporting medians and ratios to (a). On a machine shared with other busy processes
/// BenchmarkDotNet's one-case-after-another runs drift with the load; interleaving puts every wiring under the same
/// conditions. Run: <c>dotnet run -c Release --project BlogShop.Benchmarks -- --ef-interleaved [rounds]</c>.
/// </summary>
internal static class InterleavedSaveChanges
{
    public static void Run(int rounds)
    {
        (string Name, Action<SaveChangesBenchmarks> Setup, Func<SaveChangesBenchmarks, int> Work, Action<SaveChangesBenchmarks> Cleanup)[] operations =
        [
            ("Insert (a) no signals", b => b.EmptyTable(), b => b.Insert_a_NoSignals(), _ => { }),
            ("Insert (b) UseSignals, no receivers", b => b.EmptyTable(), b => b.Insert_b_UseSignals_NoReceivers(), _ => { }),
            ("Insert (c) pre_save + post_save", b => b.EmptyTable(), b => b.Insert_c_PreAndPostSaveReceivers(), _ => { }),
            ("Update (a) no signals", b => b.LoadWithoutSignals(), b => b.Update_a_NoSignals(), b => b.DisposeContexts()),
            ("Update (b) UseSignals, no receivers", b => b.LoadWithSignals(), b => b.Update_b_UseSignals_NoReceivers(), b => b.DisposeContexts()),
            ("Update (c) pre_save + post_save", b => b.LoadWithReceivers(), b => b.Update_c_PreAndPostSaveReceivers(), b => b.DisposeContexts()),
        ];

        Console.WriteLine("| Operation | BatchSize | CPU median | Ratio |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var batchSize in new[] { 10_000, 100 })
        {
            using var benchmarks = new SaveChangesBenchmarks { BatchSize = batchSize };
            benchmarks.GlobalSetup();
            var times = operations.Select(_ => new List<double>()).ToArray();
            for (var round = 0; round <= rounds; round++)
            {
                for (var i = 0; i < operations.Length; i++)
                {
                    operations[i].Setup(benchmarks);
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    GC.Collect();
                    var before = ProcessCpuClock.Instance.GetTimestamp();
                    operations[i].Work(benchmarks);
                    var elapsed = ProcessCpuClock.Instance.GetTimestamp() - before;
                    operations[i].Cleanup(benchmarks);
                    if (round > 0)
                    {
                        times[i].Add(elapsed / 1e6); // round 0 warms up
                    }
                }
            }

            for (var i = 0; i < operations.Length; i++)
            {
                var baseline = Median(times[i / 3 * 3]);
                var median = Median(times[i]);
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture, $"| {operations[i].Name} | {batchSize} | {median:F1} ms | {median / baseline:F3} |"));
            }
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
