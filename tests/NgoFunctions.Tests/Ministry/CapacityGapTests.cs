using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;

namespace NgoFunctions.Tests.Ministry;

/// <summary>The ministry sees a capacity gap apart from a coverage gap: a cell whose NGOs are all full
/// (requests Waitlisted) is a capacity gap, not a coverage gap; a cell with demand and no NGO
/// (requests Unroutable) is a coverage gap. In the coverage API and its CSV export, through the worker.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class CapacityGapTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task FullNgo_IsACapacityGap_NoNgo_IsACoverageGap_CountedAndExportedApart()
    {
        await using var system = await TestSystem.StartAsync(azurite);
        var driver = new NgoDriver(system, azurite);
        await system.PutNgoAsync("damascus-clinic", ["health"], ["SY01"], capacity: 1);
        var first = await driver.SubmitAsync(sector: "health", governorate: "SY01");
        await driver.RoutedToAsync(first, "damascus-clinic");
        var second = await driver.SubmitAsync(sector: "health", governorate: "SY01");
        await driver.WaitForAsync(second, s => s["status"]?.ToString() == "Waitlisted", "Waitlisted");
        var third = await driver.SubmitAsync(sector: "shelter", governorate: "SY13");
        await driver.WaitForAsync(third, s => s["status"]?.ToString() == "Unroutable", "Unroutable");

        using var ministry = driver.Client(TestSystem.MinistryKey);
        JsonObject coverage = null!;
        await Eventually.HoldsAsync(
            async () =>
            {
                coverage = (await ministry.GetFromJsonAsync<JsonObject>("ministry/coverage"))!;
                return Cell(coverage, "health", "SY01")["waitlisted"]!.GetValue<long>() == 1
                    && Cell(coverage, "shelter", "SY13")["unroutable"]!.GetValue<long>() == 1;
            },
            TimeSpan.FromSeconds(20),
            "the aggregates count the Waitlisted and the Unroutable request");

        var full = Cell(coverage, "health", "SY01");
        Assert.True(full["capacityGap"]!.GetValue<bool>());
        Assert.False(full["gap"]!.GetValue<bool>());
        var uncovered = Cell(coverage, "shelter", "SY13");
        Assert.True(uncovered["gap"]!.GetValue<bool>());
        Assert.False(uncovered["capacityGap"]!.GetValue<bool>());
        Assert.Equal(1, coverage["capacityGaps"]!.GetValue<int>());
        Assert.Equal(1, coverage["gaps"]!.GetValue<int>());

        // The export: the two new columns last; one waiting request is a small cell, written "<5".
        var csv = (await ministry.GetStringAsync("ministry/exports/coverage.csv")).TrimStart('\uFEFF').Split("\r\n");
        Assert.EndsWith("gap,waitlisted_requests,capacity_gap", csv[0]);
        Assert.EndsWith("#indicator+gap,#indicator+waitlisted+num,#indicator+gap+capacity", csv[1]);
        var healthDamascus = csv.Single(line => line.Contains(",health,", StringComparison.Ordinal) && line.Contains(",SY01,", StringComparison.Ordinal));
        Assert.EndsWith(",no,<5,yes", healthDamascus);
        var shelterHasakeh = csv.Single(line => line.Contains(",shelter,", StringComparison.Ordinal) && line.Contains(",SY13,", StringComparison.Ordinal));
        Assert.EndsWith(",yes,0,no", shelterHasakeh);
    }

    private static JsonObject Cell(JsonObject coverage, string sector, string governorate) =>
        coverage["cells"]!.AsArray().Select(c => c!.AsObject())
            .Single(c => c["sector"]!.ToString() == sector && c["governorate"]!.ToString() == governorate);
}
