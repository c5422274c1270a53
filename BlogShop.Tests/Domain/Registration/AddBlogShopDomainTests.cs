using BlogShop.Domain.Data;
using BlogShop.Domain.Email;
using BlogShop.Domain.Media;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BlogShop.Tests.Domain.Registration;

public sealed class AddBlogShopDomainTests
{
    [Fact]
    public void Sqlite_is_the_default_with_its_files_under_the_data_folder()
    {
        using var services = Build(new() { ["DataFolder"] = "/srv/blogshop-data" });

        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogShopDbContext>();
        Assert.IsType<SqliteBlogShopDbContext>(db);
        Assert.Equal("/srv/blogshop-data/blogshop.db", new SqliteConnectionStringBuilder(services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString).DataSource);
        Assert.Equal("/srv/blogshop-data/media", services.GetRequiredService<IOptions<MediaOptions>>().Value.Root);
        Assert.Equal("/srv/blogshop-data/mail", services.GetRequiredService<IOptions<SmtpOptions>>().Value.PickupDirectory);
    }

    [Fact]
    public void Postgres_is_chosen_by_configuration()
    {
        using var services = Build(new()
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Database=blogshop",
        });

        using var scope = services.CreateScope();
        Assert.IsType<PostgresBlogShopDbContext>(scope.ServiceProvider.GetRequiredService<BlogShopDbContext>());
    }

    [Fact]
    public void The_email_sender_is_smtp_when_a_host_is_configured_and_the_pickup_folder_otherwise()
    {
        using var withHost = Build(new() { ["Smtp:Host"] = "mail.example.test" });
        using var withoutHost = Build([]);

        Assert.Equal("SmtpEmailSender", withHost.GetRequiredService<IEmailSender>().GetType().Name);
        Assert.Equal("PickupDirectoryEmailSender", withoutHost.GetRequiredService<IEmailSender>().GetType().Name);
    }

    [Fact]
    public void SqlServer_is_chosen_by_configuration()
    {
        using var services = Build(new()
        {
            ["Database:Provider"] = "SqlServer",
            ["ConnectionStrings:SqlServer"] = "Server=127.0.0.1,1433;Database=blogshop;User ID=sa;Password=x;TrustServerCertificate=true",
        });

        using var scope = services.CreateScope();
        Assert.IsType<SqlServerBlogShopDbContext>(scope.ServiceProvider.GetRequiredService<BlogShopDbContext>());
    }

    [Theory]
    [InlineData("Oracle", "not supported")]
    [InlineData("MySql", "not supported")]
    public void An_unknown_provider_fails_at_registration_with_its_name(string provider, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(new() { ["Database:Provider"] = provider }));

        Assert.Contains(provider, error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Postgres")]
    [InlineData("SqlServer")]
    public void A_server_provider_without_a_connection_string_fails_at_registration(string provider)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(new() { ["Database:Provider"] = provider }));

        Assert.Contains($"ConnectionStrings:{provider}", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddBlogShopDomain(configuration);
        return services.BuildServiceProvider();
    }
}
