using BenchmarkDotNet.Running;

// Every benchmark class of this assembly; pick with --filter, e.g. --filter '*SaveChanges*'.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
