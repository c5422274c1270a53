using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using BlogShop.Domain.Data;
using BlogShop.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BlogShop.Benchmarks.Outbox;

/// <summary>
/// Mails per second from the outbox into a real SMTP catcher (maildev), end to end: the rows are committed in one
/// SaveChanges (which wakes the dispatcher), and the clock stops when the last row has <c>SentAt</c>. Each
/// configuration runs on a fresh database in the same run, so their ratios compare; then two instances drain one
/// database together and the catcher is asked whether each mail arrived exactly once.
/// Not a BenchmarkDotNet benchmark: one drain of thousands of mails is the measured operation.
/// </summary>
internal static class OutboxThroughput
{
    public static async Task RunAsync(string smtp, Uri mailApi, int mails, string? postgres)
    {
        var colon = smtp.LastIndexOf(':');
        var (smtpHost, smtpPort) = (smtp[..colon], smtp[(colon + 1)..]);
        using var catcher = new HttpClient { BaseAddress = mailApi, Timeout = TimeSpan.FromMinutes(2) };
        var providers = postgres is null ? new[] { ("Sqlite", (string?)null) } : [("Sqlite", null), ("Postgres", postgres)];

        Console.WriteLine($"Outbox throughput: {mails} mails per run into {smtp}");
        Console.WriteLine("| database | instances | parallelism | batch | seconds | mails/s | delivered once |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---|");
        foreach (var (provider, server) in providers)
        {
            foreach (var (instances, parallelism, batch) in new[] { (1, 1, 1), (1, 1, 100), (1, 4, 100), (1, 8, 100), (2, 4, 100) })
            {
                await catcher.DeleteAsync(new Uri("email/all", UriKind.Relative));
                var folder = Directory.CreateTempSubdirectory("blogshop-outbox-bench-").FullName;
                var database = provider == "Sqlite" ? $"Data Source={Path.Combine(folder, "bench.db")}" : await CreatePostgresAsync(server!);
                var settings = new Dictionary<string, string?>
                {
                    ["DataFolder"] = folder,
                    ["Database:Provider"] = provider,
                    [$"ConnectionStrings:{provider}"] = database,
                    ["Database:LoadDemoData"] = "false",
                    ["Smtp:Host"] = smtpHost,
                    ["Smtp:Port"] = smtpPort,
                    ["Outbox:PollInterval"] = "00:10:00",
                    ["Outbox:Parallelism"] = parallelism.ToString(CultureInfo.InvariantCulture),
                    ["Outbox:BatchSize"] = batch.ToString(CultureInfo.InvariantCulture),
                };

                var hosts = new List<IHost>();
                for (var i = 0; i < instances; i++)
                {
                    hosts.Add(await StartAsync(settings, folder));
                }

                var run = Guid.NewGuid().ToString("N")[..8];
                var elapsed = await DrainAsync(hosts, mails, run);
                var caught = await catcher.GetFromJsonAsync<List<CaughtMail>>("email") ?? [];
                var perAddress = caught.SelectMany(m => m.To).Where(t => t.Address.StartsWith(run, StringComparison.Ordinal))
                    .GroupBy(t => t.Address).ToList();
                var once = perAddress.Count == mails && perAddress.All(g => g.Count() == 1);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {provider} | {instances} | {parallelism} | {batch} | {elapsed.TotalSeconds:0.00} | {mails / elapsed.TotalSeconds:0} | {(once ? "yes" : $"NO ({perAddress.Count} addresses, {perAddress.Sum(g => g.Count())} mails)")} |"));

                foreach (var host in hosts)
                {
                    await host.StopAsync();
                    host.Dispose();
                }

                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Npgsql.NpgsqlConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static async Task<IHost> StartAsync(Dictionary<string, string?> settings, string folder)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", ContentRootPath = folder });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddBlogShopDomain(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>Commits the mails through the first host and waits until every row is sent.</summary>
    private static async Task<TimeSpan> DrainAsync(List<IHost> hosts, int mails, string run)
    {
        await using var scope = hosts[0].Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogShopDbContext>();
        var now = DateTime.UtcNow;
        for (var i = 0; i < mails; i++)
        {
            db.OutboxEmails.Add(OutboxEmail.Create($"{run}-{i}@example.test", $"Benchmark mail {i}", "A line of text.\n\nhttps://blogshop.example/articles/x", now));
        }

        var clock = Stopwatch.StartNew();
        await db.SaveChangesAsync();

        // The other instances learn of the rows as a real second instance would: their own poll, woken here at once.
        foreach (var other in hosts.Skip(1))
        {
            other.Services.GetRequiredService<BlogShop.Domain.Email.OutboxWakeup>().Wake();
        }

        while (await db.OutboxEmails.CountAsync(e => e.SentAt == null) > 0)
        {
            await Task.Delay(20);
        }

        return clock.Elapsed;
    }

    private static async Task<string> CreatePostgresAsync(string admin)
    {
        var name = $"blogshop_bench_{Guid.NewGuid():N}";
        await using var connection = new Npgsql.NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return new Npgsql.NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    private sealed record CaughtMail(List<CaughtAddress> To);

    private sealed record CaughtAddress(string Address);
}
