using BlogShop.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BlogShop.Tests.Browser;

public sealed class ReactionTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    [BrowserFact]
    public async Task Clicking_your_pressed_reaction_takes_it_back()
    {
        var author = await NewPageAsync("/");
        await author.RegisterAsync(Person.Create("Ann", "Author"));
        var path = await author.WriteArticleAsync("Press me", "A body to react to.", "");
        var reader = await NewPageAsync("/");
        await reader.RegisterAsync(Person.Create("Rey", "Reader"));
        await GotoAsync(reader, path);
        var like = reader.Locator("button[data-reaction=Like]");

        await like.ClickAsync();
        await Expect(like).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(reader.Locator("[data-count=Like]")).ToHaveTextAsync("1");

        await like.ClickAsync();

        await Expect(like).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(reader.Locator("[data-count=Like]")).ToHaveTextAsync("0");
        await Expect(reader.Locator("button[data-reaction][aria-pressed=true]")).ToHaveCountAsync(0);
    }

    [BrowserFact]
    public async Task Reaction_icons_are_drawn_in_colour()
    {
        var page = await NewPageAsync("/");
        await page.RegisterAsync(Person.Create("Col", "Our"));
        await page.WriteArticleAsync("Colourful", "Emoji everywhere.", "");
        var button = page.Locator("button[data-reaction=Like]");
        await Expect(button).ToBeVisibleAsync();

        // Draws the button's 👍 with the button's own font: a colour emoji font paints coloured pixels; a missing
        // font paints an empty box in the text colour (grey or black).
        var coloured = await button.EvaluateAsync<int>(
            """
            button => {
                const canvas = document.createElement("canvas");
                canvas.width = 64; canvas.height = 64;
                const context = canvas.getContext("2d");
                context.font = `32px ${getComputedStyle(button).fontFamily}`;
                context.fillStyle = "#000";
                context.fillText("\u{1F44D}", 8, 44);
                const pixels = context.getImageData(0, 0, 64, 64).data;
                let count = 0;
                for (let i = 0; i < pixels.length; i += 4) {
                    const [r, g, b, a] = [pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]];
                    if (a > 0 && Math.max(r, g, b) - Math.min(r, g, b) > 60) count++;
                }
                return count;
            }
            """);

        Assert.True(coloured > 50, $"The 👍 was drawn with {coloured} coloured pixels: no colour emoji font (install fonts-noto-color-emoji).");
    }
}
