using BlogShop.Domain.Entities;
using BlogShop.Tests.Domain.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Tests.Domain.Receivers;

public sealed class SetArticleSlugAndWordCountTests
{
    [ProviderTheory, OnEveryProvider]
    public async Task A_new_article_gets_a_slug_from_its_title_and_its_word_count(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var author = await host.CreateUserAsync("kay");

        var article = await host.ArticleAsync(author, "Signals, Done Right!", "Django has signals.\n\nSo do we — now.");

        var stored = await host.QueryAsync(db => db.Articles.SingleAsync(a => a.Id == article.Id));
        Assert.Equal("signals-done-right", stored.Slug);
        Assert.Equal(7, stored.WordCount);
        Assert.NotEqual(default, stored.UpdatedAt);
    }

    [ProviderTheory, OnEveryProvider]
    public async Task Articles_with_the_same_title_get_numbered_slugs(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var author = await host.CreateUserAsync("kay");

        var first = await host.ArticleAsync(author, "My Title");
        var second = await host.ArticleAsync(author, "My title");
        var third = await host.ArticleAsync(author, "my  TITLE");
        var lookalike = await host.ArticleAsync(author, "My Title 2");

        Assert.Equal(["my-title", "my-title-2", "my-title-3", "my-title-2-2"], [first.Slug, second.Slug, third.Slug, lookalike.Slug]);
    }

    [ProviderTheory, OnEveryProvider]
    public async Task Articles_added_together_get_distinct_slugs(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var author = await host.CreateUserAsync("kay");
        var articles = Enumerable.Range(0, 3).Select(_ => new Article { AuthorId = author.Id, Title = "Same" }).ToList();

        await using (var scoped = host.OpenDb())
        {
            scoped.Db.Articles.AddRange(articles);
            await scoped.Db.SaveChangesAsync();
        }

        Assert.Equal(["same", "same-2", "same-3"], articles.Select(a => a.Slug).Order());
    }

    [ProviderTheory, OnEveryProvider]
    public async Task A_title_that_is_a_route_word_gets_a_numbered_slug(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var author = await host.CreateUserAsync("kay");

        var created = await host.ArticleAsync(author, "New");
        var edited = await host.ArticleAsync(author, "Edit!");

        Assert.Equal(["new-2", "edit-2"], [created.Slug, edited.Slug]);
    }

    [ProviderTheory, OnEveryProvider]
    public async Task An_emoji_title_is_saved_with_a_slug_of_its_words(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var author = await host.CreateUserAsync("kay");

        var article = await host.ArticleAsync(author, "Launch day 🚀🎉");

        Assert.Equal("launch-day", article.Slug);
    }

    [ProviderTheory, OnEveryProvider]
    public async Task Titles_without_latin_letters_are_transliterated_or_fall_back(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var author = await host.CreateUserAsync("kay");

        var french = await host.ArticleAsync(author, "Crème brûlée à la française");
        var russian = await host.ArticleAsync(author, "Привет, мир");
        var japanese = await host.ArticleAsync(author, "東京");
        var punctuation = await host.ArticleAsync(author, "!!!");

        Assert.Equal("creme-brulee-a-la-francaise", french.Slug);
        Assert.Equal("privet-mir", russian.Slug);
        Assert.Equal("article", japanese.Slug);
        Assert.Equal("article-2", punctuation.Slug);
    }

    [ProviderTheory, OnEveryProvider]
    public async Task Editing_keeps_the_slug_recounts_words_and_moves_the_update_time(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var author = await host.CreateUserAsync("kay");
        var article = await host.ArticleAsync(author, "First title", "one two");

        await using (var scoped = host.OpenDb())
        {
            var stored = await scoped.Db.Articles.SingleAsync(a => a.Id == article.Id);
            stored.Title = "Second title";
            stored.Body = "one two three four";
            await scoped.Db.SaveChangesAsync();
        }

        var edited = await host.QueryAsync(db => db.Articles.SingleAsync(a => a.Id == article.Id));
        Assert.Equal("first-title", edited.Slug);
        Assert.Equal(4, edited.WordCount);
        Assert.True(edited.UpdatedAt > article.UpdatedAt, "UpdatedAt moves forward on an update");
    }

    [ProviderTheory, OnEveryProvider]
    public async Task A_slug_given_by_the_author_is_kept(DbProvider provider)
    {
        await using var host = await DomainHost.StartAsync(provider);
        var author = await host.CreateUserAsync("kay");
        var article = new Article { AuthorId = author.Id, Title = "Anything", Slug = "chosen-slug" };

        await using (var scoped = host.OpenDb())
        {
            scoped.Db.Articles.Add(article);
            await scoped.Db.SaveChangesAsync();
        }

        Assert.Equal("chosen-slug", await host.QueryAsync(db => db.Articles.Select(a => a.Slug).SingleAsync()));
    }
}
