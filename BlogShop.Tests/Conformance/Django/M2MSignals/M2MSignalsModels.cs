using Microsoft.EntityFrameworkCore;

namespace BlogShop.Tests.Conformance.Django.M2MSignals;

// Django's tests/m2m_signals/models.py, mirrored. Each relation maps its join rows as a class of its own (Django's
// "through" model), so receivers can listen to one relation: Car.default_parts.through is CarDefaultPart here.
public class Part
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Django's <c>car_set</c>, the reverse of <c>Car.default_parts</c>.</summary>
    public List<Car> CarSet { get; } = [];

    /// <summary>Django's <c>related_name="cars_optional"</c> of <c>Car.optional_parts</c>.</summary>
    public List<Car> CarsOptional { get; } = [];
}

public class Car
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public List<Part> DefaultParts { get; } = [];

    public List<Part> OptionalParts { get; } = [];
}

public class SportsCar : Car
{
    public decimal Price { get; set; }
}

public class Person
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Django's <c>fans = ManyToManyField("self", related_name="idols", symmetrical=False)</c>.</summary>
    public List<Person> Fans { get; } = [];

    public List<Person> Idols { get; } = [];

    /// <summary>Django's symmetrical <c>friends = ManyToManyField("self")</c>: one direction here (see the docs).</summary>
    public List<Person> Friends { get; } = [];
}

public class CarDefaultPart
{
    public int CarId { get; set; }

    public int PartId { get; set; }
}

public class CarOptionalPart
{
    public int CarId { get; set; }

    public int PartId { get; set; }
}

public class PersonFan
{
    public int FromPersonId { get; set; }

    public int ToPersonId { get; set; }
}

public class PersonFriend
{
    public int FromPersonId { get; set; }

    public int ToPersonId { get; set; }
}

public class M2MSignalsContext(DbContextOptions<M2MSignalsContext> options) : DbContext(options)
{
    public DbSet<Part> Parts => Set<Part>();

    public DbSet<Car> Cars => Set<Car>();

    public DbSet<Person> People => Set<Person>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SportsCar>();
        modelBuilder.Entity<Car>().HasMany(c => c.DefaultParts).WithMany(p => p.CarSet).UsingEntity<CarDefaultPart>(
            r => r.HasOne<Part>().WithMany().HasForeignKey(j => j.PartId),
            l => l.HasOne<Car>().WithMany().HasForeignKey(j => j.CarId));
        modelBuilder.Entity<Car>().HasMany(c => c.OptionalParts).WithMany(p => p.CarsOptional).UsingEntity<CarOptionalPart>(
            r => r.HasOne<Part>().WithMany().HasForeignKey(j => j.PartId),
            l => l.HasOne<Car>().WithMany().HasForeignKey(j => j.CarId));
        modelBuilder.Entity<Person>().HasMany(p => p.Fans).WithMany(p => p.Idols).UsingEntity<PersonFan>(
            r => r.HasOne<Person>().WithMany().HasForeignKey(j => j.ToPersonId),
            l => l.HasOne<Person>().WithMany().HasForeignKey(j => j.FromPersonId));
        modelBuilder.Entity<Person>().HasMany(p => p.Friends).WithMany().UsingEntity<PersonFriend>(
            r => r.HasOne<Person>().WithMany().HasForeignKey(j => j.ToPersonId),
            l => l.HasOne<Person>().WithMany().HasForeignKey(j => j.FromPersonId));
    }
}
