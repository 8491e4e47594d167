using Azure;
using Azure.Data.Tables;
using FluentValidation;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Outcomes;
using NgoFunctions.Core.Routing;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Registry;

/// <summary>The NGO registry in Table Storage (Ngos, PK <c>ngo</c>, RK = id). Every stored change re-checks
/// the waiting requests the NGO now covers (<see cref="WaitlistFiller.RegistryChangedAsync"/>).</summary>
public sealed class NgoRegistry(
    StorageTables tables, IValidator<NgoRegistration> validator, NgoDirectory directory, WaitlistFiller filler, TimeProvider clock)
{
    /// <summary>Creates or replaces an NGO: <see cref="Outcome{T}.Done"/> with the NGO as stored and whether it
    /// is new, or <see cref="Outcome{T}.Rejected"/> with the field errors when the record is invalid (nothing
    /// stored). Throws <see cref="RequestFailedException"/> with status 409 or 412 when another write of
    /// the same NGO raced this one (nothing overwritten); the caller may simply send the PUT again.</summary>
    public async Task<Outcome<SavedNgo>> UpsertAsync(NgoRegistration registration, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(registration, cancellationToken);
        if (!validation.IsValid)
        {
            return new Outcome<SavedNgo>.Rejected(validation.Errors
                .GroupBy(e => e.PropertyName)
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()));
        }

        var now = clock.GetUtcNow();
        var existing = await tables.Ngos.GetEntityIfExistsAsync<NgoEntity>(Keys.NgoPartition, registration.Id, cancellationToken: cancellationToken);
        var entity = new NgoEntity
        {
            PartitionKey = Keys.NgoPartition,
            RowKey = registration.Id,
            NameAr = registration.Name!.Ar!.Trim(),
            NameEn = registration.Name.En!.Trim(),
            Sectors = string.Join(',', registration.Sectors!.Distinct(StringComparer.Ordinal)),
            Coverage = string.Join(',', registration.Coverage!.Distinct(StringComparer.Ordinal)),
            Capacity = registration.Capacity!.Value,
            Active = registration.Active ?? true,
            HandlesSensitive = registration.HandlesSensitive ?? false,
            RegisteredAt = existing.HasValue ? existing.Value!.RegisteredAt : now,
            UpdatedAt = now,
            // Not the registry's to change: the NGO registers its webhook itself (NgoWebhooks).
            HasWebhook = existing.HasValue && existing.Value!.HasWebhook,
        };
        if (existing.HasValue)
        {
            await tables.Ngos.UpdateEntityAsync(entity, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        else
        {
            await tables.Ngos.AddEntityAsync(entity, cancellationToken);
        }

        directory.Invalidate();
        var ngo = ToNgo(entity);

        // Added, activated, widened or given more places: the requests waiting for it are routed or
        // waitlisted now, not when the next place frees (a change that narrows it finds nothing to do).
        await filler.RegistryChangedAsync(ngo, now, cancellationToken);
        return new Outcome<SavedNgo>.Done(new SavedNgo(ngo, Created: !existing.HasValue));
    }

    /// <summary>The NGO with this id, or <c>null</c>. One point read.</summary>
    public async Task<Ngo?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var response = await tables.Ngos.GetEntityIfExistsAsync<NgoEntity>(Keys.NgoPartition, id, cancellationToken: cancellationToken);
        return response.HasValue ? ToNgo(response.Value!) : null;
    }

    /// <summary>Every registered NGO, by id (one partition query).</summary>
    public Task<IReadOnlyList<Ngo>> ListAsync(CancellationToken cancellationToken) => ReadAllAsync(tables.Ngos, cancellationToken);

    internal static async Task<IReadOnlyList<Ngo>> ReadAllAsync(TableClient ngos, CancellationToken cancellationToken)
    {
        var all = new List<Ngo>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Keys.NgoPartition}");
        await foreach (var entity in ngos.QueryAsync<NgoEntity>(filter, cancellationToken: cancellationToken))
        {
            all.Add(ToNgo(entity));
        }

        return all;
    }

    internal static Ngo ToNgo(NgoEntity e) => new(
        e.RowKey,
        new LocalizedName(e.NameAr, e.NameEn),
        Split(e.Sectors),
        Split(e.Coverage),
        e.Capacity,
        e.Active,
        e.HandlesSensitive,
        e.HasWebhook);

    private static string[] Split(string csv) => csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
