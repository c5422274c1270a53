using Xunit.Abstractions;
using Xunit.Sdk;

namespace BlogShop.Tests.Infrastructure;

/// <summary>Marks a test class that runs its tests against PostgreSQL.</summary>
public interface IPostgresTests;

/// <summary>
/// A fact declared once in an abstract test class and run by each database's derived class; in a class marked
/// <see cref="IPostgresTests"/> it skips, with the reason, when no PostgreSQL server is available.
/// </summary>
[XunitTestCaseDiscoverer("BlogShop.Tests.Infrastructure.DatabaseFactDiscoverer", "BlogShop.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatabaseFactAttribute : FactAttribute;

public sealed class DatabaseFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        var testClass = testMethod.TestClass.Class.ToRuntimeType();
        var skip = typeof(IPostgresTests).IsAssignableFrom(testClass)
            ? TestServers.SkipUnless(TestServers.Postgres, "PostgreSQL (BLOGSHOP_TEST_POSTGRES)")
            : null;
        return skip is null
            ? [new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod)]
            : [new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, displayOptions, testMethod, skip)];
    }
}
