using BlogShop.Signals;
using BlogShop.Signals.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlogShop.Tests.Signals.Models;

/// <summary>The wiring itself: what UseSignals needs, and that two hosts keep their receivers apart.</summary>
public sealed class UseSignalsTests
{
    [Fact]
    public void UseSignals_without_AddSignals_is_refused()
    {
        using var services = new ServiceCollection().BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => new DbContextOptionsBuilder().UseSignals(services));
        Assert.Contains("AddSignals", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UseSignals_before_the_provider_is_refused_when_the_context_is_created()
    {
        using var services = new ServiceCollection().AddSignals(s => s.AddModelSignals()).BuildServiceProvider();
        using var connection = new SqliteConnection("Data Source=:memory:");
        var options = new DbContextOptionsBuilder<SignalsTestContext>().UseSignals(services).UseSqlite(connection).Options;

        var error = Assert.Throws<InvalidOperationException>(() => new SignalsTestContext(options));
        Assert.Contains("after UseSqlite", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_hosts_in_one_process_do_not_see_each_others_receivers()
    {
        await using var first = new ServiceCollection().AddSignals(s => s.AddModelSignals()).BuildServiceProvider();
        await using var second = new ServiceCollection().AddSignals(s => s.AddModelSignals()).BuildServiceProvider();
        var log = new List<string>();
        first.GetRequiredService<ModelSignals>().PostSave.Connect((s, e) => log.Add("first"));
        second.GetRequiredService<ModelSignals>().PostSave.Connect((s, e) => log.Add("second"));
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();

        foreach (var host in new[] { first, second })
        {
            var options = new DbContextOptionsBuilder<SignalsTestContext>().UseSqlite(connection).UseSignals(host).Options;
            await using var db = new SignalsTestContext(options);
            await db.Database.EnsureCreatedAsync();
            db.People.Add(new Person { FirstName = "x" });
            await db.SaveChangesAsync();
        }

        Assert.Equal(["first", "second"], log);
    }
}
