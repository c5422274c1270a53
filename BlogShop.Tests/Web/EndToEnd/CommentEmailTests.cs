using System.Net;
using BlogShop.Tests.Infrastructure;

namespace BlogShop.Tests.Web.EndToEnd;

public sealed class CommentEmailTests(SmtpBlogShopFactory factory) : IClassFixture<SmtpBlogShopFactory>
{
    [SmtpFact]
    public async Task The_author_of_a_commented_article_receives_an_email_through_smtp()
    {
        using var catcher = MailCatcher.FromEnvironment();
        var unique = Guid.NewGuid().ToString("N")[..8];
        using var author = factory.NewSession();
        using var reader = factory.NewSession();
        var authorName = await author.RegisterAsync($"mailauthor{unique}");
        var slug = await author.WriteArticleAsync($"Mail me {unique}");
        await reader.RegisterAsync($"mailreader{unique}");

        using var response = await reader.SubmitAsync($"/articles/{slug}", $"/articles/{slug}/comments", WebSession.Fields(("NewComment.Body", $"Hello by mail {unique}")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var mails = await catcher.WaitForAsync($"{authorName}@example.com",
            m => m.Any(mail => mail.Text?.Contains($"Hello by mail {unique}", StringComparison.Ordinal) == true), TimeSpan.FromSeconds(30));
        var mail = Assert.Single(mails, mail => mail.Text?.Contains($"Hello by mail {unique}", StringComparison.Ordinal) == true);

        // Text and HTML parts, both with the absolute link (Site:BaseUrl) a mail reader can follow.
        Assert.Contains($"http://localhost:5131/articles/{slug}", mail.Text, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"http://localhost:5131/articles/{slug}\">", mail.Html, StringComparison.Ordinal);
    }
}
