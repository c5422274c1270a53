using System.Globalization;
using BenchmarkDotNet.Running;
using BlogShop.Benchmarks.ModelSignals;

// The EF model-signal benchmarks measured in interleaved rounds (see InterleavedSaveChanges).
if (args is ["--ef-interleaved", ..])
{
    var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 11;
    int[] batchSizes = args.Length > 2 ? [.. args[2].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))] : [10_000, 100];
    InterleavedSaveChanges.Run(rounds, batchSizes);
    return;
}

// Every benchmark class of this assembly; pick with --filter, e.g. --filter '*SaveChanges*'.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
