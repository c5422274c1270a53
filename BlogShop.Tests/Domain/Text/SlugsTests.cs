using BlogShop.Domain.Text;

namespace BlogShop.Tests.Domain.Text;

public sealed class SlugsTests
{
    [Theory]
    [InlineData("Hello World", "hello-world")]
    [InlineData("  Don't panic!  ", "dont-panic")]
    [InlineData("C# & .NET: the_good_parts", "c-net-the-good-parts")]
    [InlineData("Crème Brûlée", "creme-brulee")]
    [InlineData("Straße über Øresund", "strasse-uber-oresund")]
    [InlineData("Ελληνικά", "ellinika")]
    [InlineData("Київ", "kiyiv")]
    [InlineData("東京 tower", "tower")]
    [InlineData("ﬁne ligatures", "fine-ligatures")]
    public void Slugify_keeps_ascii_words_and_transliterates_the_rest(string title, string expected) =>
        Assert.Equal(expected, Slugs.Slugify(title));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("東京")]
    [InlineData("!?")]
    public void Slugify_never_returns_an_empty_slug(string title) =>
        Assert.Equal("article", Slugs.Slugify(title, fallback: "article"));

    [Fact]
    public void Slugify_cuts_long_titles_without_a_trailing_hyphen()
    {
        var slug = Slugs.Slugify(string.Join(' ', Enumerable.Repeat("word", 100)));

        Assert.True(slug.Length <= Slugs.MaxLength);
        Assert.False(slug.EndsWith('-'));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("one", 1)]
    [InlineData("  one   two\nthree\tfour ", 4)]
    [InlineData("So do we — now.", 4)]
    [InlineData("dash - separated", 2)]
    public void CountWords_counts_runs_with_a_letter_or_digit(string body, int expected) =>
        Assert.Equal(expected, Slugs.CountWords(body));
}
