using BlogShop.Domain.Entities;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BlogShop.Domain.Data;

/// <summary>
/// The site's database: Identity plus the blog and shop entities. The model is provider-neutral; each database
/// provider has a subclass that owns its migrations (<see cref="SqliteBlogShopDbContext"/>,
/// <see cref="PostgresBlogShopDbContext"/>). Resolve this base type from DI: it is the configured provider's context.
/// </summary>
public abstract class BlogShopDbContext : IdentityDbContext<ApplicationUser>, IDataProtectionKeyContext
{
    protected BlogShopDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<BillingProfile> BillingProfiles => Set<BillingProfile>();

    public DbSet<Article> Articles => Set<Article>();

    public DbSet<Tag> Tags => Set<Tag>();

    public DbSet<Comment> Comments => Set<Comment>();

    public DbSet<Reaction> Reactions => Set<Reaction>();

    public DbSet<Book> Books => Set<Book>();

    public DbSet<Summary> Summaries => Set<Summary>();

    public DbSet<Product> Products => Set<Product>();

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<OrderLine> OrderLines => Set<OrderLine>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<OutboxEmail> OutboxEmails => Set<OutboxEmail>();

    /// <summary>ASP.NET Core's data-protection keys: every instance on this database reads the same cookies.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<ApplicationUser>(user =>
        {
            user.Property(u => u.FirstName).HasMaxLength(100);
            user.Property(u => u.LastName).HasMaxLength(100);

            // Identity's index on the normalized email, made unique: the database backs the RequireUniqueEmail receiver.
            user.HasIndex(u => u.NormalizedEmail).HasDatabaseName("EmailIndex").IsUnique();
            user.HasOne(u => u.Profile).WithOne(p => p.User)
                .HasForeignKey<BillingProfile>(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<BillingProfile>(profile =>
        {
            profile.HasIndex(p => p.UserId).IsUnique();
            profile.Property(p => p.ProfileImage).HasMaxLength(300).HasDefaultValue(BillingProfile.DefaultImage);
            profile.Property(p => p.Bio).HasMaxLength(2000).HasDefaultValue(BillingProfile.DefaultBio);
            profile.Property(p => p.AddressLine1).HasMaxLength(200);
            profile.Property(p => p.AddressLine2).HasMaxLength(200);
            profile.Property(p => p.City).HasMaxLength(100);
            profile.Property(p => p.PostalCode).HasMaxLength(20);
            profile.Property(p => p.Country).HasMaxLength(100);
        });

        builder.Entity<Article>(article =>
        {
            article.Property(a => a.Title).HasMaxLength(200);
            article.Property(a => a.Slug).HasMaxLength(220);
            article.HasIndex(a => a.Slug).IsUnique();
            article.Property(a => a.Image).HasMaxLength(300);
            article.HasIndex(a => a.CreatedAt);
            article.HasOne(a => a.Author).WithMany().HasForeignKey(a => a.AuthorId).OnDelete(DeleteBehavior.Cascade);
            article.HasMany(a => a.Tags).WithMany(t => t.Articles).UsingEntity("ArticleTag");
        });

        builder.Entity<Tag>(tag =>
        {
            tag.Property(t => t.Name).HasMaxLength(50);
            tag.HasIndex(t => t.Name).IsUnique();
        });

        builder.Entity<Comment>(comment =>
        {
            comment.Property(c => c.Body).HasMaxLength(5000);
            comment.HasOne(c => c.Article).WithMany(a => a.Comments).HasForeignKey(c => c.ArticleId).OnDelete(DeleteBehavior.Cascade);

            // Users' comments go when the article does; a user with comments is deleted after their comments.
            comment.HasOne(c => c.Author).WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Reaction>(reaction =>
        {
            reaction.HasIndex(r => new { r.ArticleId, r.UserId }).IsUnique();
            reaction.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
            reaction.HasOne(r => r.Article).WithMany(a => a.Reactions).HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
            reaction.HasOne(r => r.User).WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Book>(book =>
        {
            book.Property(b => b.Title).HasMaxLength(200);
            book.Property(b => b.Cover).HasMaxLength(300);
            book.HasOne(b => b.Owner).WithMany().HasForeignKey(b => b.OwnerId).OnDelete(DeleteBehavior.Cascade);
            book.HasOne(b => b.Summary).WithOne(s => s.Book).HasForeignKey<Summary>(s => s.BookId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Summary>(summary =>
        {
            summary.HasIndex(s => s.BookId).IsUnique();
            summary.Property(s => s.Content).HasDefaultValue("");
        });

        builder.Entity<Product>(product =>
        {
            product.Property(p => p.Name).HasMaxLength(200);
            product.Property(p => p.Description).HasMaxLength(4000).HasDefaultValue("");
            product.Property(p => p.Price).HasPrecision(10, 2);
            product.Property(p => p.Picture).HasMaxLength(300);

            // Every update is conditional on the stock it was based on (WHERE "Stock" = @original): see Product.
            product.Property(p => p.Stock).IsConcurrencyToken();
            product.ToTable(t => t.HasCheckConstraint("CK_Products_Stock", "\"Stock\" >= 0"));
        });

        builder.Entity<Order>(order =>
        {
            order.Property(o => o.BillingName).HasMaxLength(201);
            order.Property(o => o.AddressLine1).HasMaxLength(200);
            order.Property(o => o.AddressLine2).HasMaxLength(200);
            order.Property(o => o.City).HasMaxLength(100);
            order.Property(o => o.PostalCode).HasMaxLength(20);
            order.Property(o => o.Country).HasMaxLength(100);
            order.HasIndex(o => new { o.BuyerId, o.CreatedAt });
            order.HasOne(o => o.Buyer).WithMany().HasForeignKey(o => o.BuyerId).OnDelete(DeleteBehavior.Cascade);
            order.HasMany(o => o.Lines).WithOne(l => l.Order).HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<OrderLine>(line =>
        {
            line.Property(l => l.ProductName).HasMaxLength(200);
            line.Property(l => l.UnitPrice).HasPrecision(10, 2);
            line.ToTable(t => t.HasCheckConstraint("CK_OrderLines_Quantity", "\"Quantity\" > 0"));
            line.HasOne(l => l.Product).WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.SetNull);
        });

        builder.Entity<Notification>(notification =>
        {
            notification.Property(n => n.Message).HasMaxLength(500);
            notification.Property(n => n.Link).HasMaxLength(300);
            notification.HasIndex(n => new { n.RecipientId, n.IsRead });
            notification.HasOne(n => n.Recipient).WithMany().HasForeignKey(n => n.RecipientId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<OutboxEmail>(email =>
        {
            email.Property(e => e.To).HasMaxLength(320);
            email.Property(e => e.Subject).HasMaxLength(300);
            email.Property(e => e.ClaimedBy).HasMaxLength(100);
            email.Property(e => e.LastError).HasMaxLength(2000);

            // The dispatcher's query: unsent, living rows that are due.
            email.HasIndex(e => new { e.SentAt, e.DeadAt, e.NextAttemptAt });
        });
    }
}
