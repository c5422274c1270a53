using MimeKit;

namespace BlogShop.Domain.Email;

/// <summary>
/// The one check of an email address, done where an address enters the site (registration, profile) with the same
/// parser the sender uses, so an address the site accepts is one it can deliver to.
/// </summary>
public static class EmailAddresses
{
    /// <summary>RFC 5322 strictly: no consecutive dots, no unquoted specials, a domain required.</summary>
    internal static readonly ParserOptions Strict = new()
    {
        AddressParserComplianceMode = RfcComplianceMode.Strict,
        AllowAddressesWithoutDomain = false,
        AllowUnquotedCommasInAddresses = false,
    };

    /// <summary>
    /// True when <paramref name="address"/> is exactly one bare mailbox (<c>local@domain.tld</c>: no display name, no
    /// group, no route, nothing around it) that MimeKit parses strictly, with a dotted domain. Never throws.
    /// </summary>
    public static bool IsDeliverable(string? address)
    {
        if (string.IsNullOrWhiteSpace(address) || address.Length > 254 || address.Any(char.IsControl) || address.Any(char.IsWhiteSpace))
        {
            return false;
        }

        if (!MailboxAddress.TryParse(Strict, address, out var mailbox) || mailbox.Route.Count > 0 || !string.IsNullOrEmpty(mailbox.Name))
        {
            return false;
        }

        var at = mailbox.Address.LastIndexOf('@');
        var domain = at < 0 ? "" : mailbox.Address[(at + 1)..];
        return string.Equals(mailbox.Address, address, StringComparison.Ordinal) && at > 0 && domain.Contains('.', StringComparison.Ordinal)
            && !domain.StartsWith('.') && !domain.EndsWith('.') && !domain.Contains("..", StringComparison.Ordinal);
    }
}
