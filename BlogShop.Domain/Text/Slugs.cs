using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace BlogShop.Domain.Text;

/// <summary>Django's <c>slugify</c> with transliteration: "Crème Brûlée!" becomes "creme-brulee".</summary>
public static class Slugs
{
    public const int MaxLength = 200;

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
        foreach (var original in text ?? "")
        {
            var c = char.ToLowerInvariant(original);
            if (Transliterations.TryGetValue(c, out var mapped))
            {
                slug.Append(mapped);
                continue;
            }

            foreach (var part in c.ToString().Normalize(NormalizationForm.FormKD))
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

    private static void AppendPart(StringBuilder slug, char part)
    {
        if (CharUnicodeInfo.GetUnicodeCategory(part) == UnicodeCategory.NonSpacingMark)
        {
            return;
        }

        var lower = char.ToLowerInvariant(part);
        if (char.IsAsciiLetterOrDigit(lower))
        {
            slug.Append(lower);
        }
        else if (Transliterations.TryGetValue(lower, out var mapped))
        {
            slug.Append(mapped);
        }
        else if (char.IsWhiteSpace(part) || part is '-' or '_' or '/' or '.' or ',' or ':' or ';' or '+' or '&' || char.IsLetterOrDigit(part))
        {
            // Word separators become hyphens; so do letters of scripts without a mapping, so the words around them stay apart.
            slug.Append('-');
        }

        // Anything else (apostrophes, quotes, !, ?) is dropped: "Don't" becomes "dont", as in Django.
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
