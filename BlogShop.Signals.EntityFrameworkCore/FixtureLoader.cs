using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace BlogShop.Signals.EntityFrameworkCore;

/// <summary>Django's <c>loaddata</c> for JSON fixtures: rows saved with <c>Raw = true</c> in their save signals.</summary>
internal static class FixtureLoader
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static async Task<int> LoadAsync(DbContext context, Stream json, CancellationToken cancellationToken)
    {
        using var document = await JsonDocument.ParseAsync(json, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException("A fixture is a JSON array of objects: [{\"model\": \"Article\", \"pk\": 1, \"fields\": {...}}].");
        }

        var count = 0;
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var modelName = item.TryGetProperty("model", out var model) ? model.GetString() : null;
            var entityType = Find(context.Model, modelName) ?? throw new InvalidDataException(
                $"Fixture object {count + 1} names model '{modelName}', which {context.GetType().Name} does not map.");
            var fields = item.TryGetProperty("fields", out var f) ? f : default;
            var instance = fields.ValueKind == JsonValueKind.Object
                ? fields.Deserialize(entityType.ClrType, Options)!
                : Activator.CreateInstance(entityType.ClrType)!;
            var entry = context.Entry(instance);
            if (item.TryGetProperty("pk", out var pk) && entityType.FindPrimaryKey() is { Properties: [var keyProperty] })
            {
                entry.Property(keyProperty).CurrentValue = pk.Deserialize(keyProperty.ClrType, Options);
                var stored = await context.FindAsync(entityType.ClrType, [entry.Property(keyProperty).CurrentValue], cancellationToken).ConfigureAwait(false);
                if (stored is not null)
                {
                    // An existing row is updated, as loaddata does: saved even when no value differs, so its raw
                    // save signals are sent for every object of the fixture.
                    var storedEntry = context.Entry(stored);
                    storedEntry.CurrentValues.SetValues(instance);
                    storedEntry.State = EntityState.Modified;
                    count++;
                    continue;
                }
            }

            context.Add(instance);
            count++;
        }

        var state = SignalsContextState.Find(context);
        if (state is not null)
        {
            state.Raw = true;
        }

        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (state is not null)
            {
                state.Raw = false;
            }
        }

        return count;
    }

    private static IEntityType? Find(IModel model, string? name) =>
        name is null
            ? null
            : model.GetEntityTypes().FirstOrDefault(t => !t.HasSharedClrType && !t.IsOwned() &&
                (string.Equals(t.ClrType.Name, name, StringComparison.OrdinalIgnoreCase) ||
                 string.Equals(t.ClrType.FullName, name, StringComparison.OrdinalIgnoreCase) ||
                 string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)));
}
