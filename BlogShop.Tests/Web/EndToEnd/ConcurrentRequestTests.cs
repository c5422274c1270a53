using System.Net;
using BlogShop.Domain.Entities;
using BlogShop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Tests.Web.EndToEnd;

/// <summary>
/// Identical requests sent at once, as double clicks and busy sites send them: the unique indexes behind slugs, user
/// names, emails and reactions must be resolved (a next suffix, a field error, an upsert), never answered with a 500.
/// </summary>
public abstract class ConcurrentRequestTests<TFactory>(TFactory factory)
    where TFactory : BlogShopFactory
{
    [DatabaseFact]
    public async Task Many_people_publishing_the_same_title_at_once_all_get_their_own_slug()
    {
        var prefix = Unique("pub");
        var writers = await RegisteredAsync(prefix, 8);
        var posts = new List<Func<Task<HttpResponseMessage>>>();
        foreach (var writer in writers)
        {
            var token = await writer.TokenAsync("/articles/new");
            for (var i = 0; i < 3; i++)
            {
                posts.Add(() => writer.PostAsync("/articles/new", WebSession.Fields(
                    ("Title", "Race " + prefix), ("Body", "Same words."), ("Tags", "race-" + prefix), ("__RequestVerificationToken", token))));
            }
        }

        var statuses = await AllAtOnceAsync(posts);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Redirect, s));
        var slugs = await factory.ListAsync(db => db.Articles.Where(a => a.Title == "Race " + prefix).Select(a => a.Slug));
        Assert.Equal(24, slugs.Count);
        Assert.Equal(24, slugs.Distinct().Count());
        Assert.Contains("race-" + prefix, slugs);
        Assert.Single(await factory.ListAsync(db => db.Tags.Where(t => t.Name == "race-" + prefix)));
        Assert.Equal(24, await factory.WithDbAsync(db => db.Articles.CountAsync(a => a.Tags.Any(t => t.Name == "race-" + prefix))));
    }

    [DatabaseFact]
    public async Task A_double_clicked_reaction_is_stored_once()
    {
        var prefix = Unique("dbl");
        var people = await RegisteredAsync(prefix, 2);
        var slug = await people[0].WriteArticleAsync("Click me " + prefix);
        var reader = people[1];
        var token = await reader.TokenAsync($"/articles/{slug}");

        var statuses = await AllAtOnceAsync(Enumerable.Range(0, 6).Select(i => (Func<Task<HttpResponseMessage>>)(() =>
            reader.PostAsync($"/articles/{slug}/reactions", WebSession.Fields(("kind", i % 2 == 0 ? "Love" : "Like"), ("__RequestVerificationToken", token))))));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Redirect, s));
        var reaction = Assert.Single(await factory.ListAsync(db => db.Reactions.Where(r => r.Article!.Slug == slug)));
        Assert.Contains(reaction.Kind, new[] { ReactionKind.Like, ReactionKind.Love });
    }

    [DatabaseFact]
    public async Task Registrations_with_one_user_name_at_once_give_one_account_and_field_errors()
    {
        var name = Unique("nm");
        var statuses = await RegisterAtOnceAsync(Enumerable.Range(0, 6).Select(i => (name, $"{name}-{i}@example.com")), "UserName");

        Assert.Single(statuses, s => s == HttpStatusCode.Redirect);
        Assert.Single(await factory.ListAsync(db => db.Users.Where(u => u.UserName == name)));
    }

    [DatabaseFact]
    public async Task Registrations_with_one_email_at_once_give_one_account_and_field_errors()
    {
        var name = Unique("em");
        var statuses = await RegisterAtOnceAsync(Enumerable.Range(0, 6).Select(i => ($"{name}-{i}", $"{name}@example.com")), "Email");

        Assert.Single(statuses, s => s == HttpStatusCode.Redirect);
        Assert.Single(await factory.ListAsync(db => db.Users.Where(u => u.Email == $"{name}@example.com")));
    }

    [DatabaseFact]
    public async Task Profiles_changed_to_one_email_at_once_keep_it_unique_with_field_errors()
    {
        var prefix = Unique("pe");
        var people = await RegisteredAsync(prefix, 6);
        var email = $"{prefix}-shared@example.com";
        var posts = new List<Func<Task<HttpResponseMessage>>>();
        for (var i = 0; i < people.Count; i++)
        {
            var person = people[i];
            var token = await person.TokenAsync("/profile/edit");
            posts.Add(() => person.PostAsync("/profile/edit", WebSession.Fields(
                ("FirstName", "Sam"), ("LastName", "Same"), ("Email", email), ("Bio", ""), ("AddressLine1", ""), ("AddressLine2", ""),
                ("City", ""), ("PostalCode", ""), ("Country", ""), ("__RequestVerificationToken", token))));
        }

        var responses = await Task.WhenAll(posts.Select(post => Task.Run(post)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        foreach (var response in responses.Where(r => r.StatusCode != HttpStatusCode.Redirect))
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"A profile edit answered {(int)response.StatusCode}: {body}");
            Assert.Matches("data-valmsg-for=\"Email\"[^>]*>[^<]*already", body);
        }

        Assert.Single(await factory.ListAsync(db => db.Users.Where(u => u.Email == email)));
    }

    /// <summary>Every refused registration is the form again, with an error next to <paramref name="field"/>.</summary>
    private async Task<HttpStatusCode[]> RegisterAtOnceAsync(IEnumerable<(string UserName, string Email)> people, string field)
    {
        var sessions = new List<WebSession>();
        var posts = new List<Func<Task<HttpResponseMessage>>>();
        foreach (var (userName, email) in people)
        {
            var session = factory.NewSession();
            sessions.Add(session);
            var token = await session.TokenAsync("/account/register");
            posts.Add(() => session.PostAsync("/account/register", WebSession.Fields(
                ("FirstName", "Sam"), ("LastName", "Same"), ("UserName", userName), ("Email", email),
                ("Password", WebSession.Password), ("ConfirmPassword", WebSession.Password), ("__RequestVerificationToken", token))));
        }

        try
        {
            var responses = await Task.WhenAll(posts.Select(post => Task.Run(post)));
            foreach (var response in responses.Where(r => r.StatusCode != HttpStatusCode.Redirect))
            {
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"A registration answered {(int)response.StatusCode}: {body}");
                Assert.Matches($"data-valmsg-for=\"{field}\"[^>]*>[^<]*already", body);
            }

            return [.. responses.Select(r => r.StatusCode)];
        }
        finally
        {
            sessions.ForEach(s => s.Dispose());
        }
    }

    private async Task<List<WebSession>> RegisteredAsync(string prefix, int count)
    {
        var sessions = new List<WebSession>();
        for (var i = 0; i < count; i++)
        {
            var session = factory.NewSession();
            await session.RegisterAsync($"{prefix}{i}");
            sessions.Add(session);
        }

        return sessions;
    }

    private static async Task<HttpStatusCode[]> AllAtOnceAsync(IEnumerable<Func<Task<HttpResponseMessage>>> posts)
    {
        var responses = await Task.WhenAll(posts.Select(post => Task.Run(post)));
        foreach (var response in responses.Where(r => r.StatusCode == HttpStatusCode.InternalServerError))
        {
            Assert.Fail($"A concurrent request answered 500: {await response.Content.ReadAsStringAsync()}");
        }

        return [.. responses.Select(r => r.StatusCode)];
    }

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];
}

public sealed class SqliteConcurrentRequestTests(BlogShopFactory factory)
    : ConcurrentRequestTests<BlogShopFactory>(factory), IClassFixture<BlogShopFactory>;

public sealed class PostgresConcurrentRequestTests(PostgresBlogShopFactory factory)
    : ConcurrentRequestTests<PostgresBlogShopFactory>(factory), IClassFixture<PostgresBlogShopFactory>, IPostgresTests;
