using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BlogShop.Signals;
using BlogShop.Signals.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlogShop.Benchmarks.ModelSignals;

/// <summary>
/// Inserting and updating 10,000 entities on SQLite (in memory), in one SaveChanges or in batches of 100 (a new
/// DbContext per batch, as a bulk job would), with (a) no signals wiring, (b) UseSignals and no receivers, (c) one
/// pre_save and one post_save receiver for the saved type. The PostSaveTransaction category measures the transaction
/// the library opens around a SaveChanges with a post_save receiver: inserts with (a) no signals (EF's own
/// transaction), (b) no signals inside a caller's transaction, (c) a post_save receiver and the library's transaction,
/// (d) a post_save receiver inside a caller's transaction (the library opens none). Every invocation is one whole run
/// of 10,000 entities; Ratio is against (a) of the same operation and batch size.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
public class SaveChangesBenchmarks : IDisposable
{
    private const int Count = 10_000;

    private SqliteConnection _connection = null!;
    private ServiceProvider _noReceivers = null!;
    private ServiceProvider _twoReceivers = null!;
    private ServiceProvider _postSaveOnly = null!;
    private List<BenchItem>[] _loaded = [];
    private BenchContext[] _contexts = [];
    private long _received;

    /// <summary>Entities per SaveChanges: all of them at once, or 100.</summary>
    [Params(Count, 100)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        _connection = new SqliteConnection("Data Source=:memory:");
        _connection.Open();
        _noReceivers = new ServiceCollection().AddSignals(s => s.AddModelSignals()).BuildServiceProvider();
        _twoReceivers = new ServiceCollection().AddSignals(s => s.AddModelSignals()).BuildServiceProvider();
        var signals = _twoReceivers.GetRequiredService<BlogShop.Signals.EntityFrameworkCore.ModelSignals>();
        signals.PreSave.Connect((PreSave<BenchItem> e) => e.Instance.Touched = true);
        signals.PostSave.Connect((PostSave<BenchItem> e) => _received++);
        _postSaveOnly = new ServiceCollection().AddSignals(s => s.AddModelSignals()).BuildServiceProvider();

        // The receiver checks what the PostSaveTransaction cases compare: it runs inside a transaction, always.
        _postSaveOnly.GetRequiredService<BlogShop.Signals.EntityFrameworkCore.ModelSignals>().PostSave.Connect((PostSave<BenchItem> e) =>
            _received += e.Context.Database.CurrentTransaction is not null ? 1 : throw new InvalidOperationException("post_save ran outside a transaction."));

        using var db = NewContext(null);
        db.Database.EnsureCreated();
    }

    [GlobalCleanup]
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    [IterationSetup(Targets = [
        nameof(Insert_a_NoSignals), nameof(Insert_b_UseSignals_NoReceivers), nameof(Insert_c_PreAndPostSaveReceivers),
        nameof(Transaction_a_NoSignals), nameof(Transaction_b_NoSignals_CallerTransaction),
        nameof(Transaction_c_PostSave_LibraryTransaction), nameof(Transaction_d_PostSave_CallerTransaction)])]
    public void EmptyTable()
    {
        using var db = NewContext(null);
        db.Items.ExecuteDelete();
    }

    [IterationSetup(Target = nameof(Update_a_NoSignals))]
    public void LoadWithoutSignals() => LoadForUpdate(null);

    [IterationSetup(Target = nameof(Update_b_UseSignals_NoReceivers))]
    public void LoadWithSignals() => LoadForUpdate(_noReceivers);

    [IterationSetup(Target = nameof(Update_c_PreAndPostSaveReceivers))]
    public void LoadWithReceivers() => LoadForUpdate(_twoReceivers);

    [IterationCleanup(Targets = [nameof(Update_a_NoSignals), nameof(Update_b_UseSignals_NoReceivers), nameof(Update_c_PreAndPostSaveReceivers)])]
    public void DisposeContexts()
    {
        foreach (var context in _contexts)
        {
            context.Dispose();
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Insert")]
    public int Insert_a_NoSignals() => Insert(null);

    [Benchmark, BenchmarkCategory("Insert")]
    public int Insert_b_UseSignals_NoReceivers() => Insert(_noReceivers);

    [Benchmark, BenchmarkCategory("Insert")]
    public int Insert_c_PreAndPostSaveReceivers() => Insert(_twoReceivers);

    [Benchmark(Baseline = true), BenchmarkCategory("PostSaveTransaction")]
    public int Transaction_a_NoSignals() => Insert(null);

    [Benchmark, BenchmarkCategory("PostSaveTransaction")]
    public int Transaction_b_NoSignals_CallerTransaction() => Insert(null, callerTransaction: true);

    [Benchmark, BenchmarkCategory("PostSaveTransaction")]
    public int Transaction_c_PostSave_LibraryTransaction() => Insert(_postSaveOnly);

    [Benchmark, BenchmarkCategory("PostSaveTransaction")]
    public int Transaction_d_PostSave_CallerTransaction() => Insert(_postSaveOnly, callerTransaction: true);

    [Benchmark(Baseline = true), BenchmarkCategory("Update")]
    public int Update_a_NoSignals() => Update();

    [Benchmark, BenchmarkCategory("Update")]
    public int Update_b_UseSignals_NoReceivers() => Update();

    [Benchmark, BenchmarkCategory("Update")]
    public int Update_c_PreAndPostSaveReceivers() => Update();

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _noReceivers?.Dispose();
            _twoReceivers?.Dispose();
            _postSaveOnly?.Dispose();
            _connection?.Dispose();
        }
    }

    /// <summary>Inserts every entity; with <paramref name="callerTransaction"/>, each batch in a transaction of its own, committed after SaveChanges.</summary>
    private int Insert(IServiceProvider? signals, bool callerTransaction = false)
    {
        var saved = 0;
        for (var start = 0; start < Count; start += BatchSize)
        {
            using var db = NewContext(signals);
            for (var i = start; i < start + BatchSize; i++)
            {
                db.Items.Add(new BenchItem { Name = "item", Value = i });
            }

            if (callerTransaction)
            {
                using var transaction = db.Database.BeginTransaction();
                saved += db.SaveChanges();
                transaction.Commit();
            }
            else
            {
                saved += db.SaveChanges();
            }
        }

        return saved;
    }

    /// <summary>Changes one property of every loaded entity and saves each batch's context.</summary>
    private int Update()
    {
        var saved = 0;
        for (var b = 0; b < _contexts.Length; b++)
        {
            foreach (var item in _loaded[b])
            {
                item.Value++;
            }

            saved += _contexts[b].SaveChanges();
        }

        return saved;
    }

    /// <summary>Loading is not measured: each batch's context holds its tracked entities, ready to be changed.</summary>
    private void LoadForUpdate(IServiceProvider? signals)
    {
        EmptyTable();
        using (var seed = NewContext(null))
        {
            seed.Items.AddRange(Enumerable.Range(0, Count).Select(i => new BenchItem { Name = "item", Value = i }));
            seed.SaveChanges();
        }

        var batches = Count / BatchSize;
        _contexts = new BenchContext[batches];
        _loaded = new List<BenchItem>[batches];
        for (var b = 0; b < batches; b++)
        {
            _contexts[b] = NewContext(signals);
            _loaded[b] = _contexts[b].Items.OrderBy(i => i.Id).Skip(b * BatchSize).Take(BatchSize).ToList();
        }
    }

    private BenchContext NewContext(IServiceProvider? signals)
    {
        var options = new DbContextOptionsBuilder<BenchContext>().UseSqlite(_connection);
        if (signals is not null)
        {
            options.UseSignals(signals);
        }

        return new BenchContext(options.Options);
    }

    /// <summary>A short job for a shared machine: each iteration is one whole run of 10,000 entities.</summary>
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            // In process: on a busy shared machine, building BenchmarkDotNet's boilerplate project can exceed its
            // timeout. Timed by the process's CPU time, which other processes competing for the cores barely move.
            AddJob(Job.Default.WithWarmupCount(2).WithIterationCount(15).WithInvocationCount(1).WithUnrollFactor(1)
                .WithToolchain(InProcessEmitToolchain.Instance).WithClock(ProcessCpuClock.Instance).WithId("CpuTimeInProcess"));
            AddColumn(StatisticColumn.Median);
            HideColumns(Column.Error, Column.StdDev);
        }
    }
}

public class BenchItem
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public int Value { get; set; }

    /// <summary>Set by the pre_save receiver; not mapped.</summary>
    public bool Touched { get; set; }
}

public class BenchContext(DbContextOptions<BenchContext> options) : DbContext(options)
{
    public DbSet<BenchItem> Items => Set<BenchItem>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<BenchItem>().Ignore(i => i.Touched);
}
