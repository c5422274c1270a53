using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BlogShop.Domain.Data;

/// <summary>Tells a unique-index conflict (two requests inserting the same value at once) from other failed saves.</summary>
public static class UniqueViolations
{
    /// <summary>
    /// True when the save failed on a unique index or key: SQLite's <c>SQLITE_CONSTRAINT_UNIQUE</c> or
    /// <c>SQLITE_CONSTRAINT_PRIMARYKEY</c>, PostgreSQL's <c>23505</c>, SQL Server's 2601 (unique index) or 2627 (unique
    /// constraint). Any other failure is false.
    /// </summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception?.InnerException switch
        {
            SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
            PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
            SqlException sqlServer => sqlServer.Number is 2601 or 2627,
            _ => false,
        };
}
