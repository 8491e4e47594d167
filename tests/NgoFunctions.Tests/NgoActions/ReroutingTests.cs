using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.NgoActions;

/// <summary>A declined request goes to the next candidate, never back to an NGO that declined it, and
/// becomes Unroutable (escalated) when candidates or attempts run out.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ReroutingTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestSystem _system = null!;
    private NgoDriver _driver = null!;
    private HttpClient _district = null!;
    private HttpClient _governorate = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite, new Dictionary<string, string?> { ["Sla:MaxAssignments"] = "2" });
        _driver = new NgoDriver(_system, azurite);

        // The district NGO ranks first (more specific coverage), the governorate one second, the national one last.
        _district = await _driver.NgoAsync("damascus-clinic", ["health"], ["SY0100"]);
        _governorate = await _driver.NgoAsync("damascus-health", ["health"], ["SY01"]);
    }

    public async Task DisposeAsync()
    {
        _district.Dispose();
        _governorate.Dispose();
        await _system.DisposeAsync();
    }

    [Fact]
    public async Task Decline_GoesToTheSecondNgoAndThePlaceIsReleasedAsNotAccepted()
    {
        var code = await _driver.SubmitAsync(district: "SY0100");
        await _driver.RoutedToAsync(code, "damascus-clinic");

        var declined = await NgoDriver.ActAsync(_district, code, "decline", new { reason = "out-of-capacity", note = "فريقنا مشغول هذا الأسبوع" });

        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        var answer = await declined.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("Declined", answer!["assignment"]!["state"]!.ToString());
        Assert.Equal("out-of-capacity", answer["assignment"]!["declineReason"]!.ToString());
        var status = await _driver.RoutedToAsync(code, "damascus-health");
        Assert.Equal(["Submitted", "Routed", "Declined", "Routed"], status["events"]!.AsArray().Select(e => e!["type"]!.ToString()));
        using var pageRequest = new HttpRequestMessage(HttpMethod.Get, $"requests/{code}");
        pageRequest.Headers.Accept.ParseAdd("text/html");
        var page = await (await _system.Http.SendAsync(pageRequest)).Content.ReadAsStringAsync();
        Assert.Contains("اعتذرت المنظمة عن الطلب، ونبحث عن منظمة أخرى", page);
        Assert.DoesNotContain("Declined", page);

        var assignments = await _driver.RowsAsync<AssignmentEntity>(code, Keys.AssignmentPrefix);
        Assert.Equal(["damascus-clinic:Declined", "damascus-health:Pending"], assignments.Select(a => $"{a.NgoId}:{a.State}"));
        Assert.Equal("out-of-capacity", assignments[0].DeclineReason);
        Assert.Equal("فريقنا مشغول هذا الأسبوع", assignments[0].Note);
        Assert.Contains("\"declined-before\"", assignments[1].Reason);
        var clinic = await _driver.LoadAsync("damascus-clinic");
        Assert.Equal(0, clinic.OpenCases);
        Assert.Equal(1, clinic.NotAccepted);
        Assert.Empty(await _driver.CaseRowsAsync("damascus-clinic", Keys.NgoCasePrefix));
        Assert.Equal(1, (await _driver.LoadAsync("damascus-health")).OpenCases);

        Assert.Equal(HttpStatusCode.NotFound, (await _district.GetAsync($"ngo/requests/{code}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _governorate.GetAsync($"ngo/requests/{code}")).StatusCode);
        Assert.Equal(2, (await _governorate.GetFromJsonAsync<JsonObject>($"ngo/requests/{code}"))!["assignment"]!["attempt"]!.GetValue<int>());
    }

    [Fact]
    public async Task DeclineTwice_TheSecondIsNotFoundAndNothingMoves()
    {
        var code = await _driver.SubmitAsync(district: "SY0100");
        await _driver.RoutedToAsync(code, "damascus-clinic");

        await NgoDriver.ActAsync(_district, code, "decline", new { reason = "duplicate" });
        await _driver.RoutedToAsync(code, "damascus-health");
        var again = await NgoDriver.ActAsync(_district, code, "decline", new { reason = "duplicate" });

        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(2, (await _driver.RowsAsync<AssignmentEntity>(code, Keys.AssignmentPrefix)).Count);
        Assert.Equal(1, (await _driver.LoadAsync("damascus-clinic")).NotAccepted);
    }

    [Fact]
    public async Task EveryCandidateDeclined_UnroutableAndNeverBackToADecliner()
    {
        // Only the governorate NGO and the district NGO cover it; MaxAssignments is 2 here, so the
        // second decline ends it either way: the request must not return to the first NGO.
        var code = await _driver.SubmitAsync(district: "SY0100");
        await _driver.RoutedToAsync(code, "damascus-clinic");
        await NgoDriver.ActAsync(_district, code, "decline", new { reason = "not-our-service" });
        await _driver.RoutedToAsync(code, "damascus-health");

        var second = await NgoDriver.ActAsync(_governorate, code, "decline", new { reason = "outside-coverage" });

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var status = await _driver.WaitForAsync(code, s => s["status"]!.ToString() == "Unroutable", "Unroutable");
        Assert.Null(status["ngo"]);
        var events = await _driver.RowsAsync<RequestEventEntity>(code, Keys.EventPrefix);
        Assert.Equal(["Submitted", "Routed", "Declined", "Routed", "Declined", "Unroutable"], events.Select(e => e.Type));
        Assert.Equal("attempts-exhausted", events[^1].Detail);
        Assert.Equal(2, (await _driver.RowsAsync<AssignmentEntity>(code, Keys.AssignmentPrefix)).Count);
        Assert.Equal(0, (await _driver.LoadAsync("damascus-clinic")).OpenCases);
        Assert.Equal(0, (await _driver.LoadAsync("damascus-health")).OpenCases);
    }

    [Fact]
    public async Task OnlyDeclinersLeft_WaitlistedForAnotherNgo_NeverBackToTheDecliner()
    {
        await using var system = await TestSystem.StartAsync(azurite, new Dictionary<string, string?> { ["Sla:MaxAssignments"] = "5" });
        var driver = new NgoDriver(system, azurite);
        using var only = await driver.NgoAsync("quneitra-shelter", ["shelter"], ["SY14"]);
        var code = await driver.SubmitAsync(sector: "shelter", governorate: "SY14");
        await driver.RoutedToAsync(code, "quneitra-shelter");

        await NgoDriver.ActAsync(only, code, "decline", new { reason = "out-of-capacity" });

        // An NGO covers it, so it is a capacity gap, not a coverage gap: it waits in line, for NGOs other than
        // the one that declined it (the NGO's freed place is not offered back to it).
        await driver.WaitForAsync(code, s => s["status"]!.ToString() == "Waitlisted", "Waitlisted");
        var assignment = Assert.Single(await driver.RowsAsync<AssignmentEntity>(code, Keys.AssignmentPrefix));
        Assert.Equal("Declined", assignment.State);
        var waitlisted = (await driver.RowsAsync<RequestEventEntity>(code, Keys.EventPrefix)).Last();
        Assert.Equal("router", waitlisted.Actor);
        Assert.Contains("declined-before", waitlisted.Detail);
        Assert.Equal(0, (await driver.LoadAsync("quneitra-shelter")).OpenCases);

        await system.PutNgoAsync("quneitra-relief", ["shelter"], ["SY14"], capacity: 2);

        await driver.RoutedToAsync(code, "quneitra-relief");
        Assert.Equal(0, (await driver.LoadAsync("quneitra-shelter")).OpenCases);
    }
}
