using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace BlogShop.Domain.Text;

/// <summary>Django's <c>slugify</c> with transliteration: "Crème Brûlée!" becomes "creme-brulee".</summary>
public static class Slugs
{
    public const int MaxLength = 200;

    private static readonly FrozenSet<string> ReservedWords = FrozenSet.ToFrozenSet(
        ["new", "edit", "delete", "create", "comments", "reactions", "remove", "page", "search", "tags", "feed"],
        StringComparer.Ordinal);

    private static readonly FrozenDictionary<char, string> Transliterations = new Dictionary<char, string>
    {
        ['ß'] = "ss", ['æ'] = "ae", ['œ'] = "oe", ['ø'] = "o", ['ł'] = "l", ['đ'] = "d", ['ð'] = "d", ['þ'] = "th", ['ı'] = "i",
        ['а'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['д'] = "d", ['е'] = "e", ['ё'] = "yo", ['ж'] = "zh",
        ['з'] = "z", ['и'] = "i", ['й'] = "y", ['к'] = "k", ['л'] = "l", ['м'] = "m", ['н'] = "n", ['о'] = "o",
        ['п'] = "p", ['р'] = "r", ['с'] = "s", ['т'] = "t", ['у'] = "u", ['ф'] = "f", ['х'] = "kh", ['ц'] = "ts",
        ['ч'] = "ch", ['ш'] = "sh", ['щ'] = "shch", ['ъ'] = "", ['ы'] = "y", ['ь'] = "", ['э'] = "e", ['ю'] = "yu",
        ['я'] = "ya", ['і'] = "i", ['ї'] = "yi", ['є'] = "ye", ['ґ'] = "g",
        ['α'] = "a", ['β'] = "v", ['γ'] = "g", ['δ'] = "d", ['ε'] = "e", ['ζ'] = "z", ['η'] = "i", ['θ'] = "th",
        ['ι'] = "i", ['κ'] = "k", ['λ'] = "l", ['μ'] = "m", ['ν'] = "n", ['ξ'] = "x", ['ο'] = "o", ['π'] = "p",
        ['ρ'] = "r", ['σ'] = "s", ['ς'] = "s", ['τ'] = "t", ['υ'] = "y", ['φ'] = "f", ['χ'] = "ch", ['ψ'] = "ps", ['ω'] = "o",
    }.ToFrozenDictionary();

    /// <summary>
    /// Lower-case ASCII letters and digits separated by single hyphens. Accents are removed, Latin ligatures and the
    /// Cyrillic and Greek alphabets are transliterated, other characters (punctuation, scripts without a mapping)
    /// are dropped. Returns <paramref name="fallback"/> when nothing is left; at most <see cref="MaxLength"/> characters.
    /// </summary>
    public static string Slugify(string? text, string fallback = "item")
    {
        var slug = new StringBuilder();

        // By Unicode scalar (Rune), not by char: emoji and other characters outside the BMP are surrogate pairs, and
        // normalizing half of one throws. A lone surrogate comes out as U+FFFD and is dropped.
        foreach (var rune in (text ?? "").EnumerateRunes())
        {
            var lower = Rune.ToLowerInvariant(rune);
            if (lower.IsBmp && Transliterations.TryGetValue((char)lower.Value, out var mapped))
            {
                slug.Append(mapped);
                continue;
            }

            foreach (var part in lower.ToString().Normalize(NormalizationForm.FormKD).EnumerateRunes())
            {
                AppendPart(slug, part);
            }
        }

        var result = CollapseHyphens(slug);
        if (result.Length > MaxLength)
        {
            result = result[..MaxLength].TrimEnd('-');
        }

        return result.Length > 0 ? result : fallback;
    }

    /// <summary>
    /// True for the words the site's routes use after a collection (<c>/articles/new</c>, <c>/articles/x/edit</c>):
    /// a slug equal to one could never be opened, so slug generators treat these as taken.
    /// </summary>
    public static bool IsReserved(string slug) => ReservedWords.Contains(slug);

    /// <summary>Words in <paramref name="text"/>: runs separated by white space that hold a letter or a digit.</summary>
    public static int CountWords(string? text)
    {
        var count = 0;
        var inWord = false;
        var wordHasContent = false;
        foreach (var c in text ?? "")
        {
            if (char.IsWhiteSpace(c))
            {
                count += inWord && wordHasContent ? 1 : 0;
                inWord = false;
                wordHasContent = false;
                continue;
            }

            inWord = true;
            wordHasContent |= char.IsLetterOrDigit(c);
        }

        return count + (inWord && wordHasContent ? 1 : 0);
    }

    private static void AppendPart(StringBuilder slug, Rune part)
    {
        var category = Rune.GetUnicodeCategory(part);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.Surrogate)
        {
            return;
        }

        var lower = Rune.ToLowerInvariant(part);
        if (lower.IsAscii && char.IsAsciiLetterOrDigit((char)lower.Value))
        {
            slug.Append((char)lower.Value);
        }
        else if (lower.IsBmp && Transliterations.TryGetValue((char)lower.Value, out var mapped))
        {
            slug.Append(mapped);
        }
        else if (Rune.IsWhiteSpace(part) || (part.IsAscii && (char)part.Value is '-' or '_' or '/' or '.' or ',' or ':' or ';' or '+' or '&') || Rune.IsLetterOrDigit(part))
        {
            // Word separators become hyphens; so do letters of scripts without a mapping, so the words around them stay apart.
            slug.Append('-');
        }

        // Anything else (apostrophes, quotes, !, ?, emoji and their modifiers) is dropped: "Don't" becomes "dont", as in Django.
    }

    private static string CollapseHyphens(StringBuilder slug)
    {
        var result = new StringBuilder(slug.Length);
        foreach (var c in slug.ToString())
        {
            if (c != '-' || (result.Length > 0 && result[^1] != '-'))
            {
                result.Append(c);
            }
        }

        return result.ToString().Trim('-');
    }
}
