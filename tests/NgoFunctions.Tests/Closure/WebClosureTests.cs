using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;

namespace NgoFunctions.Tests.Closure;

/// <summary>The citizen of a web-form request answers "did you get the help you needed?" once the NGO
/// resolved it, over <c>POST /api/requests/{trackingCode}/confirmation</c> and the status page's buttons:
/// yes closes it, no sends it back to the NGO, a second no flags it for the ministry.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class WebClosureTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Ngo = "idlib-health";
    private TestSystem _system = null!;
    private NgoDriver _driver = null!;
    private HttpClient _ngo = null!;
    private HttpClient _citizen = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite);
        _driver = new NgoDriver(_system, azurite);
        _ngo = await _driver.NgoAsync(Ngo, ["health"], ["SY07"], capacity: 5);
        _citizen = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _system.Http.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _ngo.Dispose();
        _citizen.Dispose();
        await _system.DisposeAsync();
    }

    [Fact]
    public async Task Yes_ClosesTheRequestConfirmedAndTheSameAnswerAgainChangesNothing()
    {
        var code = await ResolvedAsync();

        var first = await _citizen.PostAsJsonAsync($"requests/{code}/confirmation", new { received = true });
        var again = await _citizen.PostAsJsonAsync($"requests/{code[..5]}-{code[5..]}/confirmation", new { received = true });
        var no = await _citizen.PostAsJsonAsync($"requests/{code}/confirmation?lang=en", new { received = false });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var answer = (await first.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(("Closed", true, false), (answer["status"]!.ToString(), answer["received"]!.GetValue<bool>(), answer["needsAttention"]!.GetValue<bool>()));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, no.StatusCode);
        Assert.Equal("application/problem+json", no.Content.Headers.ContentType!.MediaType);
        Assert.Equal("This request is not waiting for your answer; its status is: Closed.", (await no.Content.ReadFromJsonAsync<JsonObject>())!["title"]!.ToString());
        var events = await _driver.RowsAsync<RequestEventEntity>(code, Keys.EventPrefix);
        var confirmed = Assert.Single(events, e => e.Type == "ClosureConfirmed");
        Assert.Equal(("Resolved", "Closed", "citizen"), (confirmed.FromStatus, confirmed.Status, confirmed.Actor));
        Assert.Equal("Closed", (await _driver.RequestAsync(code)).Status);
        Assert.Equal("Closed", Assert.Single(await _driver.CaseRowsAsync(Ngo, Keys.NgoClosedCasePrefix)).Status);
        Assert.Equal(0, (await _driver.LoadAsync(Ngo)).OpenCases);
        var performance = await PerformanceAsync();
        Assert.Equal((1, 0, 0, 1.0), (performance["closure"]!["confirmed"]!.GetValue<int>(), performance["closure"]!["unconfirmed"]!.GetValue<int>(),
            performance["closure"]!["disputed"]!.GetValue<int>(), performance["closure"]!["confirmedRate"]!.GetValue<double>()));
        Assert.Equal(1, performance["outcomes"]!["successful"]!.GetValue<int>());
    }

    [Fact]
    public async Task No_SendsTheCaseBackToTheNgoInProgress_AndASecondNoFlagsItForTheMinistry()
    {
        var code = await ResolvedAsync();

        var first = await _citizen.PostAsJsonAsync($"requests/{code}/confirmation", new { received = false });
        var repeated = await _citizen.PostAsJsonAsync($"requests/{code}/confirmation", new { received = false });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
        Assert.Equal("InProgress", (await repeated.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.ToString());
        Assert.Single(await _driver.RowsAsync<RequestEventEntity>(code, Keys.EventPrefix), e => e.Type == "ClosureDisputed");
        Assert.False((await _driver.RequestAsync(code)).NeedsAttention);
        // The case is the NGO's again: open, in progress, holding a place, and listed as such.
        Assert.Equal("InProgress", Assert.Single(await _driver.CaseRowsAsync(Ngo, Keys.NgoCasePrefix)).Status);
        Assert.Empty(await _driver.CaseRowsAsync(Ngo, Keys.NgoClosedCasePrefix));
        Assert.Equal(1, (await _driver.LoadAsync(Ngo)).OpenCases);
        var listed = (await _ngo.GetFromJsonAsync<JsonObject>("ngo/requests?status=InProgress"))!["items"]!.AsArray();
        Assert.Single(listed);

        // The NGO tries again and resolves it; the citizen says no a second time.
        Assert.Equal(HttpStatusCode.OK, (await NgoDriver.ActAsync(_ngo, code, "resolve", new { outcome = "not-successful", reason = "lack-of-capacity" })).StatusCode);
        var second = await _citizen.PostAsJsonAsync($"requests/{code}/confirmation", new { received = false });

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.True((await second.Content.ReadFromJsonAsync<JsonObject>())!["needsAttention"]!.GetValue<bool>());
        var request = await _driver.RequestAsync(code);
        Assert.Equal(("InProgress", true, "closure-disputed-twice"), (request.Status, request.NeedsAttention, request.AttentionReason));
        var events = await _driver.RowsAsync<RequestEventEntity>(code, Keys.EventPrefix);
        Assert.Equal(2, events.Count(e => e.Type == "ClosureDisputed"));
        Assert.Equal("closure-disputed-twice", Assert.Single(events, e => e.Type == "NeedsAttention").Detail);
        var status = (await _system.Http.GetFromJsonAsync<JsonObject>($"requests/{code}"))!;
        Assert.True(status["needsAttention"]!.GetValue<bool>());

        // The ministry sees both resolutions' outcomes and both disputes, each counted once.
        var performance = await PerformanceAsync();
        Assert.Equal((0, 2, 1.0), (performance["closure"]!["confirmed"]!.GetValue<int>(), performance["closure"]!["disputed"]!.GetValue<int>(),
            performance["closure"]!["disputedRate"]!.GetValue<double>()));
        Assert.Equal(1, performance["outcomes"]!["successful"]!.GetValue<int>());
        Assert.Equal(1, performance["outcomes"]!["notSuccessful"]!["lack-of-capacity"]!.GetValue<int>());
        // Yet one case: resolved and timed once, not once per resolution.
        Assert.Equal((1, 1), (performance["resolved"]!.GetValue<int>(), performance["times"]!["toResolve"]!["count"]!.GetValue<int>()));
        Assert.Equal(0, performance["outcomes"]!["notSuccessful"]!["client-refused"]!.GetValue<int>());
    }

    [Fact]
    public async Task Answer_BeforeResolvedOrForAnUnknownCodeOrWithoutAnAnswer_RefusedAndNothingChanges()
    {
        var code = await _driver.SubmitAsync(governorate: "SY07");
        await _driver.RoutedToAsync(code, Ngo);

        var early = await _citizen.PostAsJsonAsync($"requests/{code}/confirmation", new { received = true });
        var unknown = await _citizen.PostAsJsonAsync("requests/AAAAABBBBB/confirmation?lang=en", new { received = true });
        var missing = await _citizen.PostAsJsonAsync($"requests/{code}/confirmation?lang=en", new { });
        var wrongType = await _citizen.PostAsJsonAsync($"requests/{code}/confirmation?lang=en", new { received = "yes" });

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("هذا الطلب لا ينتظر جوابك الآن، فحالته: أُحيل إلى منظمة.", (await early.Content.ReadFromJsonAsync<JsonObject>())!["title"]!.ToString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("Say whether you got the help: true or false.", (await missing.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["received"]![0]!.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        var wrongTypeErrors = (await wrongType.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(["received"], wrongTypeErrors.Select(e => e.Key));
        Assert.Equal("Say whether you got the help: true or false.", wrongTypeErrors["received"]![0]!.ToString());
        Assert.Equal(2, (await _driver.RowsAsync<RequestEventEntity>(code, Keys.EventPrefix)).Count);
    }

    [Theory]
    [InlineData("ar", "هل حصلت على المساعدة التي احتجتها؟", "نعم، حصلت عليها", "لا، لم تصلني بعد")]
    [InlineData("en", "Did you get the help you needed?", "Yes, I got it", "No, not yet")]
    public async Task StatusPage_ResolvedRequest_AsksWithTwoButtonsAndTheYesClosesIt(string language, string question, string yes, string no)
    {
        var code = await ResolvedAsync();

        var page = await PageAsync($"requests/{code}?lang={language}");
        Assert.Contains(question, page);
        Assert.Contains($"value=\"true\" id=\"closure-yes\">{yes}</button>", page);
        Assert.Contains($"value=\"false\" id=\"closure-no\">{no}</button>", page);
        Assert.Contains($"action=\"{code}/confirmation?lang={language}\"", page);

        var posted = await _citizen.PostAsync(
            $"requests/{code}/confirmation?lang={language}", new FormUrlEncodedContent([new("received", "true")]));

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.EndsWith($"/api/requests/{code}?lang={language}", posted.Headers.Location!.ToString());
        Assert.Equal("Closed", (await _driver.RequestAsync(code)).Status);
        var after = await PageAsync($"requests/{code}?lang={language}");
        Assert.DoesNotContain(question, after);
        Assert.DoesNotContain("closure-yes", after);
    }

    [Fact]
    public async Task StatusPageForm_NoAnswerOrAStalePage_ThePageAgainSayingWhy_AndNothingChanges()
    {
        var code = await ResolvedAsync();

        // A form without a usable answer: the page again (400), the question still there, the request unchanged.
        var empty = await _citizen.PostAsync($"requests/{code}/confirmation?lang=ar", new FormUrlEncodedContent([new("received", "maybe")]));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var emptyPage = await empty.Content.ReadAsStringAsync();
        Assert.Contains("<p class=\"error\" role=\"alert\" id=\"closure-refused\">يُرجى اختيار «نعم» أو «لا».</p>", emptyPage);
        Assert.Contains("id=\"closure-yes\"", emptyPage);
        Assert.Equal("Resolved", (await _driver.RequestAsync(code)).Status);

        // A "No" from a page left open after the request was closed: told so (409), the closure kept.
        Assert.Equal(HttpStatusCode.OK, (await _citizen.PostAsJsonAsync($"requests/{code}/confirmation", new { received = true })).StatusCode);
        var stale = await _citizen.PostAsync($"requests/{code}/confirmation?lang=en", new FormUrlEncodedContent([new("received", "false")]));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var stalePage = await stale.Content.ReadAsStringAsync();
        Assert.Contains("This request is not waiting for your answer; its status is: Closed.", stalePage);
        Assert.DoesNotContain("closure-yes", stalePage);
        Assert.Equal("Closed", (await _driver.RequestAsync(code)).Status);
        Assert.DoesNotContain(await _driver.RowsAsync<RequestEventEntity>(code, Keys.EventPrefix), e => e.Type == "ClosureDisputed");
    }

    // The NGO's entry in the ministry's GET /api/ministry/ngos.
    private async Task<JsonNode> PerformanceAsync()
    {
        using var ministry = _driver.Client(TestSystem.MinistryKey);
        var ngos = (await ministry.GetFromJsonAsync<JsonObject>("ministry/ngos"))!["ngos"]!.AsArray();
        return ngos.Single(n => n!["ngoId"]!.ToString() == Ngo)!;
    }

    private async Task<string> PageAsync(string path)
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, path);
        get.Headers.Accept.ParseAdd("text/html");
        var response = await _citizen.SendAsync(get);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    // A web-form request the NGO accepted, started and resolved successfully.
    private async Task<string> ResolvedAsync()
    {
        var code = await _driver.SubmitAsync(governorate: "SY07");
        await _driver.RoutedToAsync(code, Ngo);
        foreach (var action in new[] { "accept", "start", "resolve" })
        {
            Assert.Equal(HttpStatusCode.OK, (await NgoDriver.ActAsync(_ngo, code, action, NgoDriver.BodyFor(action))).StatusCode);
        }

        return code;
    }
}
