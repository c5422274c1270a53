using BlogShop.Domain.Media;
using BlogShop.Signals;
using BlogShop.Signals.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BlogShop.Domain.Receivers;

/// <summary>
/// What the receivers that clean up an entity's media file share: the file is deleted once the entity's deletion
/// commits, and a replaced (or removed) file once that change commits; each deletion is logged. A rolled-back
/// delete or replace deletes no file. A derived class names the entity type (the sender) and the file property.
/// </summary>
internal abstract partial class DeleteFileAfterCommit<TEntity>(IMediaStorage media, ILogger logger, string fileProperty)
    : ISignalReceiver<PostDelete<TEntity>>, ISignalReceiver<PreSave<TEntity>>
    where TEntity : class
{
    public ValueTask HandleAsync(object? sender, PostDelete<TEntity> args, CancellationToken cancellationToken)
    {
        if (FileOf(args.Instance) is { Length: > 0 } file)
        {
            DeleteAfterCommit(args.Context, IdOf(args.Instance), file);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask HandleAsync(object? sender, PreSave<TEntity> args, CancellationToken cancellationToken)
    {
        if (!args.Created && args.HasChanged(fileProperty) &&
            args.GetPrevious<string>(fileProperty) is { Length: > 0 } previous && previous != FileOf(args.Instance))
        {
            DeleteAfterCommit(args.Context, IdOf(args.Instance), previous);
        }

        return ValueTask.CompletedTask;
    }

    protected abstract string? FileOf(TEntity entity);

    protected abstract int IdOf(TEntity entity);

    private void DeleteAfterCommit(DbContext db, int id, string file) =>
        db.OnCommit(async cancellationToken =>
        {
            if (await media.DeleteAsync(file, cancellationToken).ConfigureAwait(false))
            {
                LogDeleted(logger, fileProperty, file, typeof(TEntity).Name, id);
            }
        });

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Property} {File} of {Entity} {Id}")]
    private static partial void LogDeleted(ILogger logger, string property, string file, string entity, int id);
}
