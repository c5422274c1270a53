using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace BlogShop.Signals.EntityFrameworkCore;

/// <summary>
/// Marks a DbContext's options as sending model signals and carries the host's <see cref="ModelSignals"/>.
/// The host-specific parts live in the options, not in EF's internal service provider, so every host shares one
/// internal provider (EF refuses to build more than twenty).
/// </summary>
internal sealed class SignalsOptionsExtension(ModelSignals signals, IServiceProvider services) : IDbContextOptionsExtension
{
    private ExtensionInfo? _info;

    public ModelSignals Signals { get; } = signals;

    /// <summary>The provider given to <c>UseSignals</c>; used when EF has no application service provider.</summary>
    public IServiceProvider Services { get; } = services;

    public DbContextOptionsExtensionInfo Info => _info ??= new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
        services.AddScoped<SignalsContextState>();
        SignalsMigrator.Decorate(services);
    }

    public void Validate(IDbContextOptions options)
    {
        if (options.FindExtension<Microsoft.EntityFrameworkCore.Infrastructure.CoreOptionsExtension>() is null)
        {
            throw new InvalidOperationException("UseSignals needs a configured DbContext (core options are missing).");
        }
    }

    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "using BlogShop signals ";

        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) =>
            debugInfo["BlogShop:Signals"] = "1";
    }
}
