using BlogShop.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BlogShop.Tests.Browser;

public sealed class CommentNotificationTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    [BrowserFact(Mail = true)]
    public async Task A_comment_and_a_reaction_from_another_reader_reach_the_author_in_the_navbar_the_list_and_the_mailbox()
    {
        var author = Person.Create("Eve", "Hart");
        var authorPage = await NewPageAsync("/");
        await authorPage.RegisterAsync(author);
        var article = await authorPage.WriteArticleAsync("Weak references", "Receivers may be held weakly.", "dotnet");
        await Expect(authorPage.Locator("#unread-count")).ToHaveCountAsync(0);

        var reader = Person.Create("Finn", "Gale");
        var readerPage = await NewPageAsync("/");
        await readerPage.RegisterAsync(reader);
        await GotoAsync(readerPage, article);
        await readerPage.GetByLabel("Your comment").FillAsync("Great read, thanks!");
        await readerPage.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
        await Expect(readerPage.Locator("#flash")).ToContainTextAsync("Your comment has been posted.");
        await Expect(readerPage.Locator(".comment")).ToContainTextAsync(["Great read, thanks!"]);
        await readerPage.Locator("button[data-reaction='Like']").ClickAsync();
        await Expect(readerPage.Locator("button[data-reaction='Like']")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(readerPage.Locator("[data-count='Like']")).ToHaveTextAsync("1");

        await authorPage.ReloadAsync();
        await Expect(authorPage.Locator("#unread-count")).ToHaveTextAsync("2");
        await authorPage.Locator("#notifications-link").ClickAsync();
        await Expect(authorPage.Locator(".notification[data-read='false']")).ToContainTextAsync(
        [
            $"{reader.UserName} reacted with like to 'Weak references'.",
            $"{reader.UserName} commented on 'Weak references'.",
        ]);

        // Opening one marks it read and leads to the article.
        await authorPage.Locator(".notification[data-read='false']").Last.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        await Expect(authorPage).ToHaveURLAsync(new Uri(BaseAddress, article).ToString());
        await Expect(authorPage.Locator("#unread-count")).ToHaveTextAsync("1");

        using var mail = MailCatcher.FromEnvironment();
        var mails = await mail.WaitForAsync(author.Email, m => m.Any(e => e.Subject.StartsWith("New comment", StringComparison.Ordinal)), TimeSpan.FromSeconds(20));
        var comment = Assert.Single(mails, e => e.Subject.StartsWith("New comment", StringComparison.Ordinal));
        Assert.Equal("New comment on 'Weak references'", comment.Subject);
        Assert.Contains("Great read, thanks!", comment.Text, StringComparison.Ordinal);
        Assert.Contains(reader.UserName, comment.Text, StringComparison.Ordinal);
    }
}
