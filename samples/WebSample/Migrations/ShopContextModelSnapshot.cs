using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace WebSample.Migrations;

[DbContext(typeof(ShopContext))]
public sealed class ShopContextModelSnapshot : ModelSnapshot
{
    protected override void BuildModel(ModelBuilder modelBuilder)
    {
        modelBuilder.HasAnnotation("ProductVersion", "10.0.14");
        modelBuilder.Entity("WebSample.Order", b =>
        {
            b.Property<int>("Id").ValueGeneratedOnAdd().HasColumnType("INTEGER");
            b.Property<string>("Item").IsRequired().HasColumnType("TEXT");
            b.HasKey("Id");
            b.ToTable("Orders");
        });
    }
}
