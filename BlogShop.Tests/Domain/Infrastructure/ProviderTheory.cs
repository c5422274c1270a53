using System.Reflection;
using BlogShop.Tests.Infrastructure;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace BlogShop.Tests.Domain.Infrastructure;

/// <summary>The databases the domain tests run on.</summary>
public enum DbProvider
{
    Sqlite,
    Postgres,
    SqlServer,
}

/// <summary>
/// A theory run once per database (with <see cref="OnEveryProviderAttribute"/>). The PostgreSQL case is skipped
/// with the reason when no PostgreSQL server is announced (BLOGSHOP_TEST_POSTGRES), the SQL Server case when
/// BLOGSHOP_TEST_SQLSERVER names no server (always allowed: no SQL Server runs on this project's machines); the SQLite
/// case always runs.
/// </summary>
[XunitTestCaseDiscoverer("BlogShop.Tests.Domain.Infrastructure.ProviderTheoryDiscoverer", "BlogShop.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ProviderTheoryAttribute : TheoryAttribute
{
    /// <summary>The test also needs the SMTP catcher; every case is skipped with the reason when it is missing.</summary>
    public bool NeedsSmtp { get; set; }
}

/// <summary>Supplies each <see cref="DbProvider"/> as the first argument.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OnEveryProviderAttribute : DataAttribute
{
    /// <summary>The behaviour does not exist on SQL Server (the test says why).</summary>
    public bool ExceptSqlServer { get; set; }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
        Enum.GetValues<DbProvider>().Where(p => !(ExceptSqlServer && p == DbProvider.SqlServer)).Select(p => new object[] { p });
}

public sealed class ProviderTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute, object[] dataRow)
    {
        ArgumentNullException.ThrowIfNull(dataRow);
        ArgumentNullException.ThrowIfNull(theoryAttribute);
        if (theoryAttribute.GetNamedArgument<bool>(nameof(ProviderTheoryAttribute.NeedsSmtp)) &&
            TestServers.SkipUnless(TestServers.Smtp is null ? null : TestServers.MailApi, "The SMTP catcher (BLOGSHOP_TEST_SMTP, BLOGSHOP_TEST_MAIL_API)") is { } smtpReason)
        {
            return CreateTestCasesForSkippedDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow, smtpReason);
        }

        if (dataRow is [DbProvider.Postgres, ..] &&
            TestServers.SkipUnless(TestServers.Postgres, "PostgreSQL (BLOGSHOP_TEST_POSTGRES)") is { } reason)
        {
            return CreateTestCasesForSkippedDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow, reason);
        }

        if (dataRow is [DbProvider.SqlServer, ..] && TestServers.SqlServer is null)
        {
            return CreateTestCasesForSkippedDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow, TestServers.SqlServerSkipReason);
        }

        return base.CreateTestCasesForDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow);
    }
}
