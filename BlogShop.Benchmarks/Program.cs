using System.Globalization;
using BenchmarkDotNet.Running;
using BlogShop.Benchmarks.ModelSignals;
using BlogShop.Benchmarks.Outbox;

// Mails per second from the outbox into an SMTP catcher: --outbox <smtp host:port> <maildev http url> [mails] [postgres].
if (args is ["--outbox", var smtp, var mailApi, ..])
{
    var mails = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 2000;
    await OutboxThroughput.RunAsync(smtp, new Uri(mailApi.TrimEnd('/') + "/"), mails, args.Length > 4 ? args[4] : null);
    return;
}

// The EF model-signal benchmarks measured in interleaved rounds (see InterleavedSaveChanges).
if (args is ["--ef-interleaved", ..])
{
    var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 11;
    int[] batchSizes = args.Length > 2 ? [.. args[2].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))] : [10_000, 100];
    InterleavedSaveChanges.Run(rounds, batchSizes, args.Length > 3 ? args[3].Split(',') : null);
    return;
}

// Every benchmark class of this assembly; pick with --filter, e.g. --filter '*SaveChanges*'.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
