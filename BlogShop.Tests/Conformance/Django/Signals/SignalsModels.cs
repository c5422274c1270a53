using Microsoft.EntityFrameworkCore;

namespace BlogShop.Tests.Conformance.Django.Signals;

// Django's tests/signals/models.py, mirrored.
public class Person
{
    public int Id { get; set; }

    public string FirstName { get; set; } = "";

    public string LastName { get; set; } = "";

    public override string ToString() => $"{FirstName} {LastName}";
}

public class Car
{
    public int Id { get; set; }

    public string Make { get; set; } = "";

    public string Model { get; set; } = "";
}

public class Author
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public List<Book> Books { get; } = [];

    public override string ToString() => Name;
}

public class Book
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public List<Author> Authors { get; } = [];

    public List<Page> Pages { get; } = [];

    public override string ToString() => Name;
}

public class Page
{
    public int Id { get; set; }

    public int BookId { get; set; }

    public string Text { get; set; } = "";
}

public class SignalsContext(DbContextOptions<SignalsContext> options) : DbContext(options)
{
    public DbSet<Person> People => Set<Person>();

    public DbSet<Car> Cars => Set<Car>();

    public DbSet<Author> Authors => Set<Author>();

    public DbSet<Book> Books => Set<Book>();

    public DbSet<Page> Pages => Set<Page>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Django's ForeignKey(Book, on_delete=CASCADE) and ManyToManyField(Author).
        modelBuilder.Entity<Book>().HasMany(b => b.Pages).WithOne().HasForeignKey(p => p.BookId).OnDelete(DeleteBehavior.Cascade);
        modelBuilder.Entity<Book>().HasMany(b => b.Authors).WithMany(a => a.Books);
    }
}
