using BlogShop.Domain.Email;

namespace BlogShop.Tests.Domain.Email;

/// <summary>The one address check, with MimeKit's strict parser: what it accepts the sender can deliver to.</summary>
public sealed class EmailAddressesTests
{
    [Theory]
    [InlineData("ada@example.org")]
    [InlineData("first.last+tag@sub.example.co.uk")]
    [InlineData("o'brien@example.org")]
    public void Plain_addresses_are_deliverable(string address) => Assert.True(EmailAddresses.IsDeliverable(address));

    [Theory]
    [InlineData("a..b@x.org")]
    [InlineData("semi;x@y.org")]
    [InlineData("lt<x>@y.org")]
    [InlineData("Ada <ada@example.org>")]
    [InlineData("ada@example.org, bob@example.org")]
    [InlineData("ada@localhost")]
    [InlineData("ada@")]
    [InlineData("@example.org")]
    [InlineData("ada @example.org")]
    [InlineData("ada@example.org\r\nBcc: all@example.org")]
    [InlineData(".ada@example.org")]
    [InlineData("ada@example..org")]
    [InlineData("")]
    public void Addresses_smtp_would_refuse_or_misread_are_not(string address) => Assert.False(EmailAddresses.IsDeliverable(address));
}

public sealed class EmailTextTests
{
    [Fact]
    public void A_subject_with_line_breaks_becomes_one_header_line()
    {
        Assert.Equal("New comment on 'Two lines of title'", EmailText.Subject("New comment on 'Two\r\nlines \n\tof  title'"));
    }

    [Fact]
    public void A_long_subject_is_cut_to_the_column_length()
    {
        Assert.Equal(EmailText.MaxSubjectLength, EmailText.Subject(new string('x', 1000)).Length);
    }

    [Fact]
    public void The_html_part_keeps_paragraphs_encodes_text_and_links_absolute_urls()
    {
        var html = MimeMessages.Html("Hi", "Hello <b>you</b>,\nsecond line\n\nRead it: https://blog.example.org/articles/a-b.");

        Assert.Contains("<p>Hello &lt;b&gt;you&lt;/b&gt;,<br>second line</p>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://blog.example.org/articles/a-b\">https://blog.example.org/articles/a-b</a>.</p>", html, StringComparison.Ordinal);
    }
}
