using Microsoft.EntityFrameworkCore;

namespace BlogShop.Domain.Data;

/// <summary>The PostgreSQL flavour of <see cref="BlogShopDbContext"/>; its migrations are in Migrations/Postgres.</summary>
public sealed class PostgresBlogShopDbContext(DbContextOptions<PostgresBlogShopDbContext> options) : BlogShopDbContext(options);
