using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.NgoActions;

/// <summary>An NGO works a request from routed to resolved over its API, and every step reaches the
/// citizen, the audit trail and the NGO's counters.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class NgoLifecycleTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Ngo = "hama-health";
    private TestSystem _system = null!;
    private NgoDriver _driver = null!;
    private HttpClient _ngo = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite, new Dictionary<string, string?> { ["NgoApi:PageSize"] = "2" });
        _driver = new NgoDriver(_system, azurite);
        _ngo = await _driver.NgoAsync(Ngo, ["health"], ["SY05"], capacity: 5);
    }

    public async Task DisposeAsync()
    {
        _ngo.Dispose();
        await _system.DisposeAsync();
    }

    [Fact]
    public async Task AcceptStartResolve_OverTheApi_CitizenHearsEachStepAndThePlaceIsFreed()
    {
        var code = await _driver.SubmitAsync(governorate: "SY05", telegramChatId: 880001);
        await _driver.RoutedToAsync(code, Ngo);

        var accepted = await NgoDriver.ActAsync(_ngo, code, "accept");
        var started = await NgoDriver.ActAsync(_ngo, code, "start");
        var resolved = await NgoDriver.ActAsync(_ngo, code, "resolve", new { outcome = "successful", note = "سلّمنا الدواء للعائلة" });

        Assert.All([accepted, started, resolved], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal("Accepted", (await accepted.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.ToString());
        Assert.Equal("InProgress", (await started.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.ToString());
        Assert.Equal("Resolved", (await resolved.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.ToString());
        var status = await _driver.WaitForAsync(code, s => s["status"]!.ToString() == "Resolved", "Resolved");
        Assert.Equal(["Submitted", "Routed", "Accepted", "InProgress", "Resolved"], status["events"]!.AsArray().Select(e => e!["type"]!.ToString()));
        Assert.Equal("successful", Assert.Single(await _driver.RowsAsync<RequestEventEntity>(code, Keys.EventPrefix), e => e.Type == "Resolved").Detail);

        var display = $"{code[..5]}-{code[5..]}";
        // Each status change is its own queue message, handled in parallel: wait for each one.
        foreach (var words in new[] { "قبلته", "قيد التنفيذ", "أنهت العمل على طلبك" })
        {
            await _system.Bot.WaitForAsync(c => c.ChatId == 880001 && c.Text!.Contains(display) && c.Text.Contains(words), NgoDriver.Within);
        }

        var load = await _driver.LoadAsync(Ngo);
        Assert.Equal(0, load.OpenCases);
        Assert.Equal(1, load.Accepted);
        Assert.Empty(await _driver.CaseRowsAsync(Ngo, Keys.NgoCasePrefix));
        Assert.Equal("Resolved", Assert.Single(await _driver.CaseRowsAsync(Ngo, Keys.NgoClosedCasePrefix)).Status);
        var assignment = Assert.Single(await _driver.RowsAsync<AssignmentEntity>(code, Keys.AssignmentPrefix));
        Assert.Equal("Accepted", assignment.State);
        Assert.Equal("سلّمنا الدواء للعائلة", assignment.Note);
        Assert.DoesNotContain(await _driver.RowsAsync<RequestEventEntity>(code, Keys.EventPrefix), e => e.Detail?.Contains("الدواء") == true);
        Assert.All((await _driver.RowsAsync<RequestEventEntity>(code, Keys.EventPrefix)).Skip(2), e => Assert.Equal($"ngo:{Ngo}", e.Actor));
    }

    [Fact]
    public async Task Resolve_NoBodyAtAll_400AskingForTheOutcomeAndTheCaseStaysInProgress()
    {
        var code = await _driver.SubmitAsync(governorate: "SY05");
        await _driver.RoutedToAsync(code, Ngo);
        await NgoDriver.ActAsync(_ngo, code, "accept");
        await NgoDriver.ActAsync(_ngo, code, "start");

        // As curl -X POST sends it: no Content-Length; here a chunked body with no chunk. It reads as an
        // empty body (the outcome is missing), not as an unreadable one.
        var empty = new StreamContent(Stream.Null);
        using var message = new HttpRequestMessage(HttpMethod.Post, $"ngo/requests/{code}/resolve?lang=en") { Content = empty };
        message.Headers.TransferEncodingChunked = true;
        var response = await _ngo.SendAsync(message);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(["outcome"], errors.Select(e => e.Key));
        Assert.Equal("Give the outcome: one of successful, not-successful.", errors["outcome"]![0]!.ToString());
        Assert.Equal("InProgress", (await _driver.RequestAsync(code)).Status);
        Assert.Equal(1, (await _driver.LoadAsync(Ngo)).OpenCases);
    }

    [Fact]
    public async Task Resolve_NotSuccessfulWithAReason_OutcomeOnTheEventAndTheNoteOnTheAssignmentOnly()
    {
        var code = await _driver.SubmitAsync(governorate: "SY05");
        await _driver.RoutedToAsync(code, Ngo);
        await NgoDriver.ActAsync(_ngo, code, "accept");
        await NgoDriver.ActAsync(_ngo, code, "start");

        var response = await NgoDriver.ActAsync(_ngo, code, "resolve", new { outcome = "not-successful", reason = "other", note = "انتقلت العائلة إلى حمص" });
        var again = await NgoDriver.ActAsync(_ngo, code, "resolve", new { outcome = "not-successful", reason = "other", note = "انتقلت العائلة إلى حمص" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var resolved = Assert.Single(await _driver.RowsAsync<RequestEventEntity>(code, Keys.EventPrefix), e => e.Type == "Resolved");
        Assert.Equal("not-successful:other", resolved.Detail);
        Assert.Equal("انتقلت العائلة إلى حمص", Assert.Single(await _driver.RowsAsync<AssignmentEntity>(code, Keys.AssignmentPrefix)).Note);
    }

    [Theory]
    [InlineData("""{"note":"done"}""", "outcome", "ar")]
    [InlineData("""{"outcome":"done"}""", "outcome", "en")]
    [InlineData("""{"outcome":"not-successful"}""", "reason", "en")]
    [InlineData("""{"outcome":"not-successful","reason":"out-of-capacity"}""", "reason", "ar")]
    [InlineData("""{"outcome":"successful","reason":"client-refused"}""", "reason", "en")]
    [InlineData("""{"outcome":"successful","reason":"other"}""", "reason", "en")]
    [InlineData("""{"outcome":"not-successful","reason":"other"}""", "note", "en")]
    public async Task Resolve_BadOutcome_400NamingTheFieldInTheCallersLanguageAndNothingChanges(string body, string field, string language)
    {
        var code = await _driver.SubmitAsync(governorate: "SY05");
        await _driver.RoutedToAsync(code, Ngo);
        await NgoDriver.ActAsync(_ngo, code, "accept");
        await NgoDriver.ActAsync(_ngo, code, "start");

        var response = await _ngo.PostAsync(
            $"ngo/requests/{code}/resolve?lang={language}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal([field], errors.Select(e => e.Key));
        var message = errors[field]![0]!.ToString();
        Assert.Equal(language == "ar", message.Any(c => c is >= '\u0600' and <= '\u06FF'));
        Assert.Equal("InProgress", (await _driver.RequestAsync(code)).Status);
        Assert.Equal(4, (await _driver.RowsAsync<RequestEventEntity>(code, Keys.EventPrefix)).Count);
    }

    [Fact]
    public async Task List_ShowsTheCaseWithoutPersonalDataAndFiltersByStatus()
    {
        var code = await _driver.SubmitAsync(governorate: "SY05", name: "سامر", phone: "0944123456");
        await _driver.RoutedToAsync(code, Ngo);

        var all = await _ngo.GetFromJsonAsync<JsonObject>("ngo/requests");
        var item = Assert.Single(all!["items"]!.AsArray())!;
        Assert.Equal($"{code[..5]}-{code[5..]}", item["trackingCode"]!.ToString());
        Assert.Equal("Routed", item["status"]!.ToString());
        Assert.Equal("SY05", item["governorate"]!.ToString());
        Assert.NotNull(item["acceptBy"]);
        Assert.DoesNotContain("944123456", all.ToJsonString());
        Assert.DoesNotContain("سامر", all.ToJsonString());

        await NgoDriver.ActAsync(_ngo, code, "accept");
        var routed = await _ngo.GetFromJsonAsync<JsonObject>("ngo/requests?status=Routed");
        var acceptedOnly = await _ngo.GetFromJsonAsync<JsonObject>("ngo/requests?status=accepted");

        Assert.Empty(routed!["items"]!.AsArray());
        Assert.Equal("Accepted", Assert.Single(acceptedOnly!["items"]!.AsArray())!["status"]!.ToString());
        Assert.Null(acceptedOnly["items"]![0]!["acceptBy"]);
    }

    [Fact]
    public async Task List_MoreCasesThanAPage_ContinuationTokensWalkThemAllOnce()
    {
        var codes = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            codes.Add(await _driver.SubmitAsync(governorate: "SY05"));
        }

        foreach (var code in codes)
        {
            await _driver.RoutedToAsync(code, Ngo);
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await _ngo.GetFromJsonAsync<JsonObject>("ngo/requests" + (token is null ? string.Empty : $"?continuationToken={Uri.EscapeDataString(token)}"));
            seen.AddRange(page!["items"]!.AsArray().Select(i => i!["trackingCode"]!.ToString().Replace("-", string.Empty)));
            token = page["continuationToken"]?.ToString();
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(codes.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        Assert.True(pages >= 3, $"5 cases in pages of 2 came in {pages} pages");
    }

    [Fact]
    public async Task List_TokenOfAnotherListingOrMadeUp_400NamingIt()
    {
        for (var i = 0; i < 3; i++)
        {
            await _driver.RoutedToAsync(await _driver.SubmitAsync(governorate: "SY05"), Ngo);
        }

        var first = await _ngo.GetFromJsonAsync<JsonObject>("ngo/requests");
        var token = Uri.EscapeDataString(first!["continuationToken"]!.ToString());
        var sameListing = await _ngo.GetAsync($"ngo/requests?continuationToken={token}");
        var otherFilter = await _ngo.GetAsync($"ngo/requests?status=Routed&lang=en&continuationToken={token}");
        // Well-formed base64url of a storage token naming another NGO's partition: not one handed out.
        var madeUp = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("another-ngo case-open-1"));
        var forged = await _ngo.GetAsync($"ngo/requests?continuationToken={madeUp}");

        Assert.Equal(HttpStatusCode.OK, sameListing.StatusCode);
        Assert.NotEmpty((await sameListing.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray());
        var errors = new List<JsonObject>();
        foreach (var refused in new[] { otherFilter, forged })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
            errors.Add((await refused.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject());
            Assert.Equal(["continuationToken"], errors[^1].Select(e => e.Key));
        }

        Assert.StartsWith("The continuation token is not valid here.", errors[0]["continuationToken"]![0]!.ToString());
        Assert.StartsWith("رمز متابعة الصفحات غير صالح", errors[1]["continuationToken"]![0]!.ToString());
    }

    [Fact]
    public async Task List_BadStatusOrToken_400NamingTheParameter()
    {
        var status = await _ngo.GetAsync("ngo/requests?status=Submitted&lang=en");
        var token = await _ngo.GetAsync("ngo/requests?continuationToken=%%%not-a-token");

        Assert.Equal(HttpStatusCode.BadRequest, status.StatusCode);
        Assert.Equal("application/problem+json", status.Content.Headers.ContentType!.MediaType);
        var statusErrors = (await status.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(["status"], statusErrors.Select(e => e.Key));
        Assert.StartsWith("Status must be one of: Routed, Accepted", statusErrors["status"]![0]!.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, token.StatusCode);
        Assert.Equal(["continuationToken"], (await token.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task IllegalTransitions_409InTheCallersLanguageAndNothingChanges()
    {
        var code = await _driver.SubmitAsync(governorate: "SY05");
        await _driver.RoutedToAsync(code, Ngo);

        var startFirst = await NgoDriver.ActAsync(_ngo, code, "start");
        var resolveFirst = await _ngo.PostAsJsonAsync($"ngo/requests/{code}/resolve?lang=en", NgoDriver.Successful);
        await NgoDriver.ActAsync(_ngo, code, "accept");
        var declineLate = await NgoDriver.ActAsync(_ngo, code, "decline", new { reason = "out-of-capacity" });

        Assert.Equal(HttpStatusCode.Conflict, startFirst.StatusCode);
        Assert.Equal("application/problem+json", startFirst.Content.Headers.ContentType!.MediaType);
        Assert.Equal("لا يمكن بدء العمل على هذا الطلب الآن، فحالته: أُحيل إلى منظمة. اقبلوه أولاً.",
            (await startFirst.Content.ReadFromJsonAsync<JsonObject>())!["title"]!.ToString());
        Assert.Equal(HttpStatusCode.Conflict, resolveFirst.StatusCode);
        Assert.Equal("This request cannot be resolved now; its status is: Passed to an NGO. It must be in progress.",
            (await resolveFirst.Content.ReadFromJsonAsync<JsonObject>())!["title"]!.ToString());
        Assert.Equal(HttpStatusCode.Conflict, declineLate.StatusCode);
        var events = await _driver.RowsAsync<RequestEventEntity>(code, Keys.EventPrefix);
        Assert.Equal(["Submitted", "Routed", "Accepted"], events.Select(e => e.Type));
        Assert.Equal(1, (await _driver.LoadAsync(Ngo)).OpenCases);
    }

    [Fact]
    public async Task RepeatedAccept_AnswersTheSameAndCountsOnce()
    {
        var code = await _driver.SubmitAsync(governorate: "SY05");
        await _driver.RoutedToAsync(code, Ngo);

        var first = await NgoDriver.ActAsync(_ngo, code, "accept");
        var second = await NgoDriver.ActAsync(_ngo, code, "accept");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("Accepted", (await second.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.ToString());
        Assert.Single(await _driver.RowsAsync<RequestEventEntity>(code, Keys.EventPrefix), e => e.Type == "Accepted");
        var load = await _driver.LoadAsync(Ngo);
        Assert.Equal(1, load.Accepted);
        Assert.Equal(1, load.OpenCases);
    }

    [Theory]
    [InlineData("{}", "reason")]
    [InlineData("""{"reason":"too-busy"}""", "reason")]
    [InlineData("""{"reason":"other","note":"NOTE"}""", "note")]
    [InlineData("not json", "body")]
    [InlineData("""{"reason":7}""", "reason")]
    public async Task Decline_BadBody_400NamingTheFieldAndTheRequestStaysPut(string body, string field)
    {
        var code = await _driver.SubmitAsync(governorate: "SY05");
        await _driver.RoutedToAsync(code, Ngo);

        var response = await _ngo.PostAsync(
            $"ngo/requests/{code}/decline",
            new StringContent(body.Replace("NOTE", new string('x', 1001)), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal([field], errors.Select(e => e.Key));
        Assert.Equal(Ngo, (await _driver.RequestAsync(code)).AssignedNgoId);
        Assert.Equal(2, (await _driver.RowsAsync<RequestEventEntity>(code, Keys.EventPrefix)).Count);
    }

    [Fact]
    public async Task Decline_UnknownReasonInEnglish_MessageListsTheReasons()
    {
        var response = await _ngo.PostAsJsonAsync("ngo/requests/AAAAABBBBB/decline?lang=en", new { reason = "Other" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            "Choose a reason from the list: out-of-capacity, outside-coverage, not-our-service, duplicate, cannot-contact, other.",
            (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["reason"]![0]!.ToString());
    }
}
