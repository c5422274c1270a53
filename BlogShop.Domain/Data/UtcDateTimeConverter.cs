using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BlogShop.Domain.Data;

/// <summary>
/// Every DateTime of the model is UTC. Databases whose column keeps no kind (SQLite's text, SQL Server's datetime2)
/// read it back as <see cref="DateTimeKind.Unspecified"/>; this converter says UTC when reading (PostgreSQL's
/// timestamptz needs nothing).
/// </summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value, stored => DateTime.SpecifyKind(stored, DateTimeKind.Utc))
{
    /// <summary>Applies the converter to every DateTime and DateTime? property of a context's model.</summary>
    public static void ApplyTo(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}
