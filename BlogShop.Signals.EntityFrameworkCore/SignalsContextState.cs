using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BlogShop.Signals.EntityFrameworkCore;

/// <summary>
/// The signal state of one DbContext instance (a scoped service of EF's internal provider, so one per context, reset
/// when a pooled context is returned): nested SaveChanges frames, after-commit work, the connection already announced.
/// </summary>
internal sealed class SignalsContextState : IResettableService
{
    /// <summary>How deep SaveChanges may nest inside receivers before the recursion guard throws.</summary>
    internal const int MaxDepth = 8;

    private readonly List<SaveFrame> _frames = [];
    private readonly List<PendingWork> _pending = [];
    private ILogger? _logger;
    private bool? _isRelational;
    private IDbContextTransactionManager? _transactions;

    public SignalsContextState(IDbContextOptions options, ICurrentDbContext current)
    {
        var extension = options.FindExtension<SignalsOptionsExtension>()
            ?? throw new InvalidOperationException("The DbContext was not configured with UseSignals.");
        Signals = extension.Signals;
        Services = options.FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider;
        RootServices = extension.Services;
        Context = current.Context;
    }

    public ModelSignals Signals { get; }

    /// <summary>
    /// The application's services for this context (the request scope under AddDbContext); null when EF has none,
    /// and then each send resolves receiver classes from a scope of its own.
    /// </summary>
    public IServiceProvider? Services { get; }

    /// <summary>The provider given to UseSignals.</summary>
    public IServiceProvider RootServices { get; }

    public DbContext Context { get; }

    /// <summary>
    /// EF's transaction manager. SaveChanges has it resolved already; <c>Context.Database</c> would resolve the
    /// facade's dependencies, services a context that only saves never creates otherwise.
    /// </summary>
    public IDbContextTransactionManager Transactions => _transactions ??= Context.GetService<IDbContextTransactionManager>();

    /// <summary>True for a relational provider: fixed by the context's options, so asked once per context.</summary>
    public bool IsRelational => _isRelational ??= Transactions is IRelationalTransactionManager;

    /// <summary>Above zero while SaveChangesWithoutSignals runs.</summary>
    public int Suppressed { get; set; }

    /// <summary>True while a fixture is saved: save signals carry <c>Raw = true</c>.</summary>
    public bool Raw { get; set; }

    /// <summary>While a <see cref="ManyToManyRelation{TEntity, TRelated}"/> writes its join rows, their join type: it
    /// sends m2m_changed itself, so the change tracker's rows of that type send nothing.</summary>
    public Microsoft.EntityFrameworkCore.Metadata.IEntityType? ExplicitJoin { get; set; }

    /// <summary>While a query's rows are deleted, the query: the origin of every pre_delete/post_delete it causes.</summary>
    public object? DeleteOrigin { get; set; }

    /// <summary>The connection connection_created was last sent for.</summary>
    public DbConnection? AnnouncedConnection { get; set; }

    /// <summary>The signal being dispatched, its sender and instance (for the recursion guard's message).</summary>
    public Signal? DispatchSignal { get; private set; }

    public Type? DispatchSender { get; private set; }

    public object? DispatchInstance { get; private set; }

    public int Depth => _frames.Count;

    /// <summary>Set when post-save signals threw: EF reports that failure next, for a frame already ended.</summary>
    public bool FailureReported { get; set; }

    public ILogger Logger => _logger ??= (Services ?? RootServices).GetService<ILoggerFactory>()?.CreateLogger("BlogShop.Signals.OnCommit") ?? NullLogger.Instance;

    /// <summary>The state of a context configured with UseSignals; null for any other context.</summary>
    public static SignalsContextState? Find(DbContext? context) =>
        context is null ? null : context.GetInfrastructure().GetService<SignalsContextState>();

    public SaveFrame Push()
    {
        if (_frames.Count == 0)
        {
            // A transaction of an earlier SaveChanges whose end EF never reported must not capture this one.
            TakeOwnTransaction()?.Dispose();
        }

        FailureReported = false;
        var frame = new SaveFrame(_frames.Count + 1, _pending.Count, DispatchSignal, DispatchSender, DispatchInstance);
        _frames.Add(frame);
        if (frame.Depth > MaxDepth)
        {
            _frames.RemoveAt(_frames.Count - 1);
            throw new InvalidOperationException(DescribeRecursion(frame));
        }

        return frame;
    }

    /// <summary>Ends the innermost frame. Idempotent per frame: EF may report a failure after the frame ended.</summary>
    public SaveFrame? Pop(bool failed)
    {
        if (_frames.Count == 0)
        {
            return null;
        }

        var frame = _frames[^1];
        _frames.RemoveAt(_frames.Count - 1);
        if (failed)
        {
            // Work queued during a failed SaveChanges belongs to changes that were not written.
            var mark = Math.Min(frame.PendingMark, _pending.Count);
            _pending.RemoveRange(mark, _pending.Count - mark);
        }

        return frame;
    }

    public void Dispatching(Signal? signal, Type? sender = null, object? instance = null)
    {
        DispatchSignal = signal;
        DispatchSender = sender;
        DispatchInstance = instance;
    }

    public SaveFrame? Current => _frames.Count == 0 ? null : _frames[^1];

    /// <summary>Queues work for the commit of the current transaction, or for the end of SaveChanges.</summary>
    public void Enqueue(Func<CancellationToken, Task> work)
    {
        var transaction = Transactions.CurrentTransaction?.GetDbTransaction();
        _pending.Add(new PendingWork(transaction, work));
    }

    public bool HasPending => _pending.Count > 0;

    /// <summary>The transaction the library opened for the outermost SaveChanges, until it commits or rolls back.</summary>
    public SaveTransaction? OwnTransaction { get; set; }

    /// <summary>Hands over the own transaction (null when there is none), so only one caller ends it.</summary>
    public SaveTransaction? TakeOwnTransaction()
    {
        var own = OwnTransaction;
        OwnTransaction = null;
        return own;
    }

    /// <summary>Work queued outside a transaction since <paramref name="mark"/> now waits for <paramref name="transaction"/>.</summary>
    public void AdoptPending(int mark, DbTransaction transaction)
    {
        for (var i = Math.Min(mark, _pending.Count); i < _pending.Count; i++)
        {
            if (_pending[i].Transaction is null)
            {
                _pending[i] = _pending[i] with { Transaction = transaction };
            }
        }
    }

    /// <summary>Runs the work queued for <paramref name="transaction"/> (null: work queued outside a transaction).</summary>
    public async ValueTask RunPendingAsync(DbTransaction? transaction, CancellationToken cancellationToken)
    {
        while (TakeNext(transaction) is { } work)
        {
            try
            {
                await work(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                // The data is committed: a failing after-commit action cannot undo it, so it is logged, not thrown.
                Log.OnCommitFailed(Logger, ex);
            }
        }
    }

    /// <summary>Drops the work of a rolled-back transaction, and work left by transactions that ended unseen.</summary>
    public void Discard(DbTransaction? transaction)
    {
        var current = Transactions.CurrentTransaction?.GetDbTransaction();
        _pending.RemoveAll(p => ReferenceEquals(p.Transaction, transaction) ||
                                (p.Transaction is not null && !ReferenceEquals(p.Transaction, current)));
    }

    public void ResetState()
    {
        TakeOwnTransaction()?.Dispose();
        _frames.Clear();
        _pending.Clear();
        Suppressed = 0;
        Raw = false;
        DeleteOrigin = null;
        ExplicitJoin = null;
        AnnouncedConnection = null;
        Dispatching(null);
    }

    public Task ResetStateAsync(CancellationToken cancellationToken = default)
    {
        ResetState();
        return Task.CompletedTask;
    }

    private Func<CancellationToken, Task>? TakeNext(DbTransaction? transaction)
    {
        for (var i = 0; i < _pending.Count; i++)
        {
            if (ReferenceEquals(_pending[i].Transaction, transaction))
            {
                var work = _pending[i].Work;
                _pending.RemoveAt(i);
                return work;
            }
        }

        return null;
    }

    private string DescribeRecursion(SaveFrame last)
    {
        var chain = new StringBuilder();
        foreach (var frame in _frames.Append(last))
        {
            if (chain.Length > 0)
            {
                chain.Append(" -> ");
            }

            if (frame.TriggerSignal is { } signal)
            {
                var receivers = string.Join(", ", signal.ReceiverNames(frame.TriggerSender));
                chain.Append(CultureInfo.InvariantCulture, $"{signal.Name}({Describe(frame.TriggerInstance)}) [{receivers}] -> ");
            }

            chain.Append("SaveChanges");
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"Signal receivers nested SaveChanges more than {MaxDepth} deep on one DbContext: {chain}. ") +
            "A receiver that saves the instance it receives loops forever; act only on real changes (Created, " +
            "HasChanged) or save with SaveChangesWithoutSignalsAsync / ExecuteUpdateAsync.";
    }


    private string Describe(object? instance)
    {
        if (instance is null)
        {
            return "?";
        }

        var entry = Context.Entry(instance);
        var key = entry.Metadata.FindPrimaryKey();
        var values = key is null ? "" : string.Join(",", key.Properties.Select(p => entry.Property(p.Name).CurrentValue));
        return string.Create(CultureInfo.InvariantCulture, $"{instance.GetType().Name} {values}");
    }

    private sealed record PendingWork(DbTransaction? Transaction, Func<CancellationToken, Task> Work);
}

/// <summary>One SaveChanges call in progress: what its post-signals will need.</summary>
internal sealed class SaveFrame(int depth, int pendingMark, Signal? triggerSignal, Type? triggerSender, object? triggerInstance)
{
    public int Depth { get; } = depth;

    public int PendingMark { get; } = pendingMark;

    public Signal? TriggerSignal { get; } = triggerSignal;

    public Type? TriggerSender { get; } = triggerSender;

    public object? TriggerInstance { get; } = triggerInstance;

    public List<SaveItem>? Saves { get; set; }

    public List<DeleteItem>? Deletes { get; set; }

    public List<ManyToManyChanges.Change>? ManyToMany { get; set; }

    /// <summary>Every entry the write will touch, as collected before it; null when the collection may have left one out.</summary>
    public WrittenEntries? Written { get; set; }

    /// <summary>True when post_save, post_delete or m2m_changed post-actions will be sent after the write.</summary>
    public bool HasPostSignals => Saves is { Count: > 0 } || Deletes is { Count: > 0 } || ManyToMany is { Count: > 0 };
}

/// <summary>
/// A post_save to send, its arguments built when sent. For an update it keeps what post_save repeats from pre_save:
/// the update fields and the row of previous values (<paramref name="Rows"/>, <paramref name="Row"/>); for an insert
/// both are null. Only these cross the write, not the pre_save arguments, so a large SaveChanges keeps no object per
/// entity alive while the rows are written.
/// </summary>
internal readonly record struct SaveItem(
    Type Sender, object Instance, IReadOnlySet<string>? UpdateFields, PreviousRows? Rows, int Row, EntityArgs Factory)
{
    /// <summary>post_save's <see cref="SaveArgs.Previous"/>: a new view of the row pre_save read; null for an insert.</summary>
    public PreviousValues? ViewPrevious() => Rows is null ? null : new PreviousValues(Rows, Row);
}

/// <summary>
/// The entries SaveChanges writes, collected for the pre-signals (<see cref="SaveDispatch.Collect"/>), in the tracker's
/// order: what the own transaction's snapshot reads instead of listing the change tracker again.
/// </summary>
internal sealed record WrittenEntries(List<EntityEntry> Saves, List<EntityEntry> Deletes);

/// <summary>A post_delete to send; its arguments are built when sent.</summary>
internal readonly record struct DeleteItem(Type Sender, object Instance, object Origin, EntityArgs Factory);
