using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;

namespace NgoFunctions.Tests.Routing;

/// <summary>Sensitive requests (protection, or marked by the citizen) reach only NGOs registered with
/// <c>handlesSensitive</c>, even when a general NGO covers them more closely and has room; with none, they
/// wait (Unroutable when no such NGO covers them, Waitlisted when those that do are full or declined) and
/// are flagged for the ministry.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SensitiveRoutingTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Homs = "SY04";
    private const string HomsDistrict = "SY0401";
    private const string Hama = "SY05";

    private TestSystem _system = null!;
    private NgoDriver _driver = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite);
        _driver = new NgoDriver(_system, azurite);

        // Homs: a general NGO covering the district (the rule's first pick by coverage) and one that
        // handles sensitive cases covering only the governorate. Hama: general NGOs only.
        await _system.PutNgoAsync("homs-general", ["protection", "health", "food"], [HomsDistrict], handlesSensitive: false);
        await _system.PutNgoAsync("homs-safe-space", ["protection", "health"], [Homs], handlesSensitive: true);
        await _system.PutNgoAsync("hama-general", ["protection", "food"], [Hama], handlesSensitive: false);
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Registry_HandlesSensitive_DefaultsToFalseAndReadsBack()
    {
        await _system.PutNgoAsync("plain-ngo", ["food"], [Hama]);

        var plain = await _system.Http.GetFromJsonAsync<JsonObject>("registry/ngos/plain-ngo");
        var trusted = await _system.Http.GetFromJsonAsync<JsonObject>("registry/ngos/homs-safe-space");

        Assert.False(plain!["handlesSensitive"]!.GetValue<bool>());
        Assert.True(trusted!["handlesSensitive"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Protection_GeneralNgoCloserWithRoom_RoutedOnlyToSensitiveNgo()
    {
        var code = await _system.SubmitJsonAsync(new
        {
            sector = "protection", governorate = Homs, district = HomsDistrict, description = "أتعرض للتهديد وأحتاج إلى مساعدة قانونية", consent = true,
        });

        await _driver.StoredRoutedToAsync(code, "homs-safe-space");

        var request = await _driver.RequestAsync(code);
        Assert.True(request.Sensitive);
        var assignment = Assert.Single(await _driver.RowsAsync<AssignmentEntity>(code, Keys.AssignmentPrefix));
        var considered = JsonNode.Parse(assignment.Reason)!.AsArray().Select(c => c!["ngoId"]!.ToString());
        Assert.Equal(["homs-safe-space"], considered);
        Assert.Empty(await _driver.CaseRowsAsync("homs-general", Keys.NgoCasePrefix));
    }

    [Fact]
    public async Task CitizenMarkedSensitive_HealthRequest_RoutedOnlyToSensitiveNgo()
    {
        var marked = await _system.SubmitJsonAsync(new
        {
            sector = "health", governorate = Homs, district = HomsDistrict, description = "I need a doctor who will keep this private", consent = true, sensitive = true,
        });
        var unmarked = await _system.SubmitJsonAsync(new
        {
            sector = "health", governorate = Homs, district = HomsDistrict, description = "I need a doctor for my father", consent = true,
        });

        await _driver.StoredRoutedToAsync(marked, "homs-safe-space");
        await _driver.RoutedToAsync(unmarked, "homs-general");
        Assert.True((await _driver.RequestAsync(marked)).Sensitive);
        Assert.False((await _driver.RequestAsync(unmarked)).Sensitive);
    }

    [Fact]
    public async Task Protection_OnlyGeneralNgoCovers_UnroutableFlaggedForTheMinistry()
    {
        var code = await _system.SubmitJsonAsync(new { sector = "protection", governorate = Hama, description = "أحتاج إلى حماية لي ولأطفالي", consent = true });

        var status = await _system.WaitForStatusAsync(code, "Unroutable", NgoDriver.Within);

        Assert.True(status["needsAttention"]!.GetValue<bool>());
        var request = await _driver.RequestAsync(code);
        Assert.True(request.NeedsAttention);
        Assert.Equal(SensitiveCases.NoSensitiveNgo, request.AttentionReason);
        var events = await _driver.RowsAsync<RequestEventEntity>(code, Keys.EventPrefix);
        Assert.Equal(["Submitted", "NeedsAttention", "Unroutable"], events.Select(e => e.Type));
        Assert.Equal(SensitiveCases.NoSensitiveNgo, events[1].Detail);
        Assert.Empty(await _driver.RowsAsync<AssignmentEntity>(code, Keys.AssignmentPrefix));
        Assert.Empty(await _driver.CaseRowsAsync("hama-general", Keys.NgoCasePrefix));
    }

    [Fact]
    public async Task FormPost_SensitiveCheckboxTicked_NeverRoutedToGeneralNgo()
    {
        var form = await _system.Http.GetStringAsync("form");
        Assert.Contains("<input type=\"checkbox\" id=\"sensitive\" name=\"sensitive\" value=\"true\"", form);
        Assert.Contains("طلبي حساس", form);
        Assert.Contains("عنف أو إساءة", form);

        var ticked = await PostFormAsync(sensitive: true);
        var unticked = await PostFormAsync(sensitive: false);

        await _system.WaitForStatusAsync(ticked, "Unroutable", NgoDriver.Within);
        await _driver.RoutedToAsync(unticked, "hama-general");
        var request = await _driver.RequestAsync(ticked);
        Assert.True(request.Sensitive);
        Assert.Equal(SensitiveCases.NoSensitiveNgo, request.AttentionReason);
        Assert.Equal([unticked], (await _driver.CaseRowsAsync("hama-general", Keys.NgoCasePrefix)).Select(c => c.TrackingCode));
    }

    [Fact]
    public async Task SensitiveNgoDeclines_GeneralNgoCovers_WaitlistedNotGivenToTheGeneralNgo()
    {
        var safeSpace = _driver.Client(await _driver.IssueKeyAsync("homs-safe-space"));
        var code = await _system.SubmitJsonAsync(new
        {
            sector = "protection", governorate = Homs, district = HomsDistrict, description = "أحتاج إلى مأوى آمن بعيداً عن العنف", consent = true,
        });
        await _driver.StoredRoutedToAsync(code, "homs-safe-space");

        var declined = await NgoDriver.ActAsync(safeSpace, code, "decline", new { reason = "out-of-capacity" });

        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        await _system.WaitForStatusAsync(code, "Waitlisted", NgoDriver.Within);
        var request = await _driver.RequestAsync(code);
        Assert.True(request.NeedsAttention);
        Assert.Equal(SensitiveCases.SensitiveNgosUnavailable, request.AttentionReason);
        Assert.Equal(["homs-safe-space"], (await _driver.RowsAsync<AssignmentEntity>(code, Keys.AssignmentPrefix)).Select(a => a.NgoId));
        Assert.Empty(await _driver.CaseRowsAsync("homs-general", Keys.NgoCasePrefix));
    }

    private async Task<string> PostFormAsync(bool sensitive)
    {
        var fields = new Dictionary<string, string>
        {
            ["sector"] = "food", ["governorate"] = Hama, ["description"] = "نحتاج إلى سلة غذائية لعائلتي", ["urgency"] = "normal",
            ["consent"] = "on", ["language"] = "ar",
        };
        if (sensitive)
        {
            fields["sensitive"] = "true";
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "requests") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Accept.ParseAdd("text/html");
        var response = await _system.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return response.Headers.Location!.Segments.Last();
    }
}
