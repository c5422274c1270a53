using BenchmarkDotNet.Running;
using BlogShop.Benchmarks.ModelSignals;

// The EF model-signal benchmarks measured in interleaved rounds (see InterleavedSaveChanges).
if (args is ["--ef-interleaved", ..])
{
    InterleavedSaveChanges.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 11);
    return;
}

// Every benchmark class of this assembly; pick with --filter, e.g. --filter '*SaveChanges*'.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
