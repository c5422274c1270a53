using Microsoft.EntityFrameworkCore;

namespace BlogShop.Tests.Signals.Models;

// A tiny model for the library's tests, after the models of Django's tests/signals, tests/delete and tests/m2m_signals
// (Member: a relation of a type with itself, like its Person.fans).
public class Person
{
    public int Id { get; set; }

    public string FirstName { get; set; } = "";

    public string LastName { get; set; } = "";
}

public class Book
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public List<Page> Pages { get; } = [];

    public Summary? Summary { get; set; }
}

public class Page
{
    public int Id { get; set; }

    public int BookId { get; set; }

    public Book? Book { get; set; }

    public string Text { get; set; } = "";

    public List<Note> Notes { get; } = [];
}

public class Note
{
    public int Id { get; set; }

    public int PageId { get; set; }

    public string Text { get; set; } = "";
}

public class Summary
{
    public int Id { get; set; }

    public int BookId { get; set; }

    public string Text { get; set; } = "";
}

public class Article
{
    public int Id { get; set; }

    public string Title { get; set; } = "";

    public string Slug { get; set; } = "";

    public int Version { get; set; }

    public List<Tag> Tags { get; } = [];
}

public class Tag
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public List<Article> Articles { get; } = [];
}

public class Member
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public List<Member> Following { get; } = [];

    public List<Member> Followers { get; } = [];
}

public class SignalsTestContext(DbContextOptions<SignalsTestContext> options) : DbContext(options)
{
    public DbSet<Person> People => Set<Person>();

    public DbSet<Book> Books => Set<Book>();

    public DbSet<Page> Pages => Set<Page>();

    public DbSet<Note> Notes => Set<Note>();

    public DbSet<Summary> Summaries => Set<Summary>();

    public DbSet<Article> Articles => Set<Article>();

    public DbSet<Tag> Tags => Set<Tag>();

    public DbSet<Member> Members => Set<Member>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Book>().HasMany(b => b.Pages).WithOne(p => p.Book).OnDelete(DeleteBehavior.Cascade);
        modelBuilder.Entity<Book>().HasOne(b => b.Summary).WithOne().HasForeignKey<Summary>(s => s.BookId).OnDelete(DeleteBehavior.Cascade);
        modelBuilder.Entity<Page>().HasMany(p => p.Notes).WithOne().HasForeignKey(n => n.PageId).OnDelete(DeleteBehavior.Cascade);
        modelBuilder.Entity<Article>().HasMany(a => a.Tags).WithMany(t => t.Articles);
        modelBuilder.Entity<Member>().HasMany(m => m.Following).WithMany(m => m.Followers);
    }
}
