using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;

namespace NgoFunctions.Tests.Ministry.Hxl;

/// <summary>Every CSV export of the ministry, downloaded from a running system holding routed,
/// waitlisted and unroutable requests, read the way HXL tools read it and checked against the HXL 1.1
/// dictionary (<see cref="HxlConformance"/>): hashtag row found, every tag core, counts numeric or
/// <c>&lt;5</c>, dates ISO 8601, P-codes, Arabic names under <c>+i_ar</c>.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class HxlExportTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task EveryMinistryExport_IsValidHxl()
    {
        await using var system = await TestSystem.StartAsync(azurite);
        var driver = new NgoDriver(system, azurite);
        await system.PutNgoAsync("damascus-clinic", ["health"], ["SY01"], capacity: 1);
        var routed = await driver.SubmitAsync(sector: "health", governorate: "SY01", district: "SY0100");
        await driver.RoutedToAsync(routed, "damascus-clinic");
        var waiting = await driver.SubmitAsync(sector: "health", governorate: "SY01", urgency: "emergency");
        await driver.WaitForAsync(waiting, s => s["status"]?.ToString() == "Waitlisted", "Waitlisted");
        // Five requests nobody covers: an exact count (5) beside the suppressed ones (<5).
        for (var i = 0; i < 5; i++)
        {
            await system.WaitForStatusAsync(await driver.SubmitAsync(sector: "shelter", governorate: "SY13"), "Unroutable", NgoDriver.Within);
        }

        using var ministry = driver.Client(TestSystem.MinistryKey);
        await Eventually.HoldsAsync(
            async () =>
            {
                var stats = (await ministry.GetFromJsonAsync<JsonObject>("ministry/stats"))!;
                return stats["total"]!.GetValue<long>() == 7;
            },
            TimeSpan.FromSeconds(20),
            "the aggregates count all seven requests");

        foreach (var export in new[] { "coverage.csv", "requests.csv", "stats.csv" })
        {
            var table = HxlTable.Read(await ministry.GetByteArrayAsync($"ministry/exports/{export}"));

            Assert.Equal(1, table.TagRow);
            Assert.NotEmpty(table.DataRows);
            var findings = HxlConformance.Check(table);
            Assert.True(findings.Count == 0, $"{export}: {string.Join("; ", findings)}");
        }

        var statsTable = HxlTable.Read(await ministry.GetByteArrayAsync("ministry/exports/stats.csv"));
        var total = statsTable.Columns.ToList().FindIndex(c => c?.Spec == "#indicator+requests+total+num");
        Assert.Equal(["5", "<5"], statsTable.Values(total).Order(StringComparer.Ordinal));
    }
}
