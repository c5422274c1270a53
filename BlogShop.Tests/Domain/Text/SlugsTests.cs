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

    [Theory]
    [InlineData("Signals 🚀 launch", "signals-launch")]
    [InlineData("🎉🎉🎉", "article")]
    [InlineData("Thumbs 👍🏽 up", "thumbs-up")]
    [InlineData("𝐁𝐨𝐥𝐝 maths", "bold-maths")]
    [InlineData("Ancient 𐌀𐌁 script", "ancient-script")]
    [InlineData("family 👨‍👩‍👧 time", "family-time")]
    public void Slugify_takes_emoji_and_characters_of_other_planes_without_throwing(string title, string expected) =>
        Assert.Equal(expected, Slugs.Slugify(title, fallback: "article"));

    [Fact]
    public void Slugify_drops_a_lone_surrogate()
    {
        var highAlone = "half " + (char)0xD83D + " surrogate";
        var lowFirst = (char)0xDE80 + " low first";

        Assert.Equal(["half-surrogate", "low-first"], [Slugs.Slugify(highAlone), Slugs.Slugify(lowFirst)]);
    }

    [Theory]
    [InlineData("new")]
    [InlineData("Edit")]
    [InlineData("DELETE")]
    [InlineData("comments")]
    [InlineData("reactions")]
    public void Route_words_are_reserved(string word) => Assert.True(Slugs.IsReserved(Slugs.Slugify(word)));

    [Theory]
    [InlineData("news")]
    [InlineData("new-york")]
    [InlineData("editor")]
    public void Other_words_are_not_reserved(string slug) => Assert.False(Slugs.IsReserved(slug));

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
