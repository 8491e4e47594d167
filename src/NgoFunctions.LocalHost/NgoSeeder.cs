using System.Text.Json;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Outcomes;
using NgoFunctions.Core.Registry;

namespace NgoFunctions.LocalHost;

/// <summary>Loads the sample NGOs at start-up when <see cref="LocalHostOptions.SeedNgosFile"/> is set:
/// each entry the registry does not hold yet goes through the registry's own validation and upsert.
/// An NGO already registered is left as it is, so a local store kept across restarts keeps the changes
/// made through the registry API, and an entry added to the file arrives on the next start.</summary>
public sealed partial class NgoSeeder(NgoRegistry registry, IOptions<LocalHostOptions> options, ILogger<NgoSeeder> logger) : IHostedService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.SeedNgosFile))
        {
            return;
        }

        await using var file = File.OpenRead(options.Value.SeedNgosFile);
        var entries = await JsonSerializer.DeserializeAsync<List<SeedEntry>>(file, Json, cancellationToken) ?? [];
        var added = 0;
        foreach (var entry in entries)
        {
            if (entry.Id is { Length: > 0 } id && await registry.FindAsync(id, cancellationToken) is not null)
            {
                continue;
            }

            var registration = new NgoRegistration
            {
                Id = entry.Id ?? string.Empty,
                Name = entry.Name,
                Sectors = entry.Sectors,
                Coverage = entry.Coverage,
                Capacity = entry.Capacity,
                Active = entry.Active,
                HandlesSensitive = entry.HandlesSensitive,
                Language = Core.Domain.Language.En,
            };
            if (await registry.UpsertAsync(registration, cancellationToken) is Outcome<SavedNgo>.Rejected rejected)
            {
                throw new InvalidDataException($"Seed NGO '{entry.Id}' is invalid: {string.Join("; ", rejected.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
            }

            added++;
        }

        LogSeeded(added, entries.Count - added);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Count} NGOs; {Kept} were registered already and kept as they are")]
    private partial void LogSeeded(int count, int kept);

    private sealed record SeedEntry(string? Id, LocalizedNameInput? Name, List<string>? Sectors, List<string>? Coverage, int? Capacity, bool? Active, bool? HandlesSensitive);
}
