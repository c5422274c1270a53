namespace BlogShop.Domain;

/// <summary>
/// A change breaks a rule of the domain (e.g. an email already in use). Thrown by pre_save receivers, so nothing of
/// the SaveChanges that raised it is written. <see cref="MemberName"/> names the offending property, so a form can
/// show the message next to its field.
/// </summary>
public sealed class DomainValidationException : Exception
{
    public DomainValidationException()
    {
    }

    public DomainValidationException(string message)
        : base(message)
    {
    }

    public DomainValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DomainValidationException(string memberName, string message)
        : base(message) => MemberName = memberName;

    /// <summary>The property that breaks the rule, e.g. <c>Email</c>.</summary>
    public string? MemberName { get; }
}
