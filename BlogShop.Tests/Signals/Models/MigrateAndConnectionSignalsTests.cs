using BlogShop.Signals;
using BlogShop.Signals.EntityFrameworkCore;
using BlogShop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BlogShop.Tests.Signals.Models;

/// <summary>pre_migrate/post_migrate around MigrateAsync, and connection_created once per new connection.</summary>
public abstract class MigrateAndConnectionSignalsTests(TestDatabase database) : ModelSignalsTest(database)
{
    [DatabaseFact]
    public async Task Migrating_sends_pre_migrate_and_post_migrate_with_the_migrations_applied()
    {
        var seen = new List<(string Signal, object? Sender, IReadOnlyList<string> Migrations)>();
        Signals.PreMigrate.Connect((s, e) => seen.Add(("pre", s, e.Migrations)));
        Signals.PostMigrate.Connect((s, e) => seen.Add(("post", s, e.Migrations)));
        await using var db = NewWidgetContext();

        await db.Database.MigrateAsync();
        db.Database.Migrate();

        Assert.Equal(
            [
                ("pre", typeof(WidgetContext), ["20260101000000_Widgets"]),
                ("post", typeof(WidgetContext), ["20260101000000_Widgets"]),
                ("pre", typeof(WidgetContext), []),
                ("post", typeof(WidgetContext), []),
            ],
            seen.Select(x => (x.Signal, x.Sender, (IReadOnlyList<string>)x.Migrations.ToList())).ToList(),
            new MigrationComparer());
        Assert.Equal(0, await db.Widgets.CountAsync());
    }

    [DatabaseFact]
    public async Task The_providers_own_migrator_still_does_the_work()
    {
        var plainOptions = new DbContextOptionsBuilder<WidgetContext>();
        Database.Configure(plainOptions);
        await using var plain = new WidgetContext(plainOptions.Options);
        await using var db = NewWidgetContext();

        var migrator = Assert.IsType<SignalsMigrator>(db.GetService<IMigrator>());

        Assert.Equal(plain.GetService<IMigrator>().GetType(), migrator.Inner.GetType());
    }

    [DatabaseFact]
    public async Task A_context_opening_its_own_connection_sends_connection_created_once_per_connection()
    {
        Signals.ConnectionCreated.Connect((s, e) => Log.Add($"connection_created {e.Connection.State}"));
        var options = new DbContextOptionsBuilder<SignalsTestContext>();
        Database.ConfigureWithOwnConnections(options).UseSignals(Services);
        await using var db = new SignalsTestContext(options.Options);

        await db.Database.ExecuteSqlRawAsync("SELECT 1");
        await db.Database.ExecuteSqlRawAsync("SELECT 1");

        Assert.Equal(["connection_created Open"], Log);
    }

    private WidgetContext NewWidgetContext()
    {
        var options = new DbContextOptionsBuilder<WidgetContext>();
        Database.Configure(options).UseSignals(Services);
        return new WidgetContext(options.Options);
    }

    private sealed class MigrationComparer : IEqualityComparer<(string, object?, IReadOnlyList<string>)>
    {
        public bool Equals((string, object?, IReadOnlyList<string>) x, (string, object?, IReadOnlyList<string>) y) =>
            x.Item1 == y.Item1 && Equals(x.Item2, y.Item2) && x.Item3.SequenceEqual(y.Item3);

        public int GetHashCode((string, object?, IReadOnlyList<string>) obj) => obj.Item1.GetHashCode(StringComparison.Ordinal);
    }

    public sealed class Sqlite() : MigrateAndConnectionSignalsTests(new SqliteTestDatabase());

    public sealed class Postgres() : MigrateAndConnectionSignalsTests(new PostgresTestDatabase()), IPostgresTests;
}

public class Widget
{
    public int Id { get; set; }

    public string Name { get; set; } = "";
}

public class WidgetContext(DbContextOptions<WidgetContext> options) : DbContext(options)
{
    public DbSet<Widget> Widgets => Set<Widget>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<Widget>().Property(w => w.Id).ValueGeneratedNever();
}

/// <summary>A hand-written migration, so the library tests need no migrations tooling.</summary>
[DbContext(typeof(WidgetContext))]
[Migration("20260101000000_Widgets")]
public class WidgetsMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateTable(
            name: "Widgets",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false),
                Name = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Widgets", x => x.Id));

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "Widgets");
}
