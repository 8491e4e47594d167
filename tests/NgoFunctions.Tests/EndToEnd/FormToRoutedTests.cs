using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Messages;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.EndToEnd;

/// <summary>The spine through LocalHost against a real Azurite: intake → queue → routing → status.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class FormToRoutedTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan RoutedWithin = TimeSpan.FromSeconds(10);
    private TestSystem _system = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite);

        // Damascus health: a district-level NGO and a governorate-level one, and a national one.
        await _system.PutNgoAsync("damascus-district-clinic", ["health"], ["SY0100"]);
        await _system.PutNgoAsync("damascus-governorate-health", ["health"], ["SY01"]);
        await _system.PutNgoAsync("national-relief", ["health", "food"], ["SY"]);
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task FormPost_DistrictCovered_RoutedToMostSpecificNgoWithinTenSeconds()
    {
        var response = await _system.Http.PostAsync("requests", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["sector"] = "health",
            ["governorate"] = "SY01",
            ["district"] = "SY0100",
            ["description"] = "أحتاج إلى دواء للضغط لوالدي المسن",
            ["urgency"] = "urgent",
            ["consent"] = "on",
            ["language"] = "ar",
        }));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        var code = body!["trackingCode"]!.ToString();
        Assert.Equal("Submitted", body["status"]!.ToString());
        Assert.EndsWith("/api/requests/" + code.Replace("-", string.Empty), response.Headers.Location!.ToString());

        var status = await _system.WaitForStatusAsync(code, "Routed", RoutedWithin);
        Assert.Equal("damascus-district-clinic", status["ngo"]!["id"]!.ToString());
        Assert.Equal(["Submitted", "Routed"], status["events"]!.AsArray().Select(e => e!["type"]!.ToString()));
        Assert.Null(status["description"]);
        Assert.Null(status["phone"]);
    }

    [Fact]
    public async Task Submit_OnlyGovernorateGiven_RoutedAtGovernorateLevelWithReasonKept()
    {
        await _system.PutNgoAsync("homs-district-health", ["health"], ["SY0401"]);
        await _system.PutNgoAsync("homs-governorate-health", ["health"], ["SY04"]);

        var code = await SubmitJsonAsync(new { sector = "health", governorate = "SY04", description = "Need a wheelchair repair for my son", consent = true, language = "en" });
        var status = await _system.WaitForStatusAsync(code, "Routed", RoutedWithin);

        Assert.Equal("homs-governorate-health", status["ngo"]!["id"]!.ToString());
        var assignment = await SingleAsync<AssignmentEntity>(code, Keys.AssignmentPrefix);
        Assert.Equal("Governorate", assignment.CoverageLevel);
        Assert.Equal("SY04", assignment.MatchedPCode);
        Assert.False(string.IsNullOrEmpty(assignment.RuleVersion));
        var reason = JsonNode.Parse(assignment.Reason)!.AsArray();
        Assert.Equal(["homs-governorate-health", "national-relief"], reason.Select(c => c!["ngoId"]!.ToString()));
        Assert.Equal("chosen", reason[0]!["outcome"]!.ToString());
    }

    [Fact]
    public async Task Submit_GovernorateWithOneDistrict_PlacedInItAndDistrictNgoWins()
    {
        // Damascus governorate (SY01) is one district (SY0100): the citizen who did not pick it is in it.
        var code = await SubmitJsonAsync(new { sector = "health", governorate = "SY01", description = "أحتاج إلى طبيب قلبية", consent = true });

        var status = await _system.WaitForStatusAsync(code, "Routed", RoutedWithin);

        Assert.Equal("SY0100", status["district"]!.ToString());
        Assert.Equal("damascus-district-clinic", status["ngo"]!["id"]!.ToString());
    }

    [Fact]
    public async Task Submit_TooLarge_413Problem()
    {
        var manyFields = new FormUrlEncodedContent(Enumerable.Range(0, 1100).Select(i => KeyValuePair.Create("vulnerabilities", "child")));
        var hugeJson = new StringContent($$"""{"description":"{{new string('ا', 70_000)}}"}""", System.Text.Encoding.UTF8, "application/json");

        foreach (var response in new[] { await _system.Http.PostAsync("requests", manyFields), await _system.Http.PostAsync("requests", hugeJson) })
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }
    }

    [Fact]
    public async Task Submit_TruncatedJson_400NamingBody()
    {
        var response = await _system.Http.PostAsync("requests", new StringContent("""{"sector":""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["body"], (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task Submit_HtmlRefusedInAccept_AnswersJson()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "requests") { Content = JsonContent.Create(new { sector = "x" }) };
        request.Headers.Accept.ParseAdd("text/html;q=0");
        request.Headers.Accept.ParseAdd("application/json");

        var response = await _system.Http.SendAsync(request);

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Submit_SubDistrictGiven_SubDistrictNgoWinsOverDistrictOne()
    {
        await _system.PutNgoAsync("qudsaya-clinic", ["health"], ["SY030107"]);
        await _system.PutNgoAsync("qudsaya-district-health", ["health"], ["SY0301"]);

        var code = await SubmitJsonAsync(new { sector = "health", governorate = "SY03", district = "SY0301", subDistrict = "SY030107", description = "نحتاج إلى طبيب أطفال", consent = true });
        var status = await _system.WaitForStatusAsync(code, "Routed", RoutedWithin);

        Assert.Equal("qudsaya-clinic", status["ngo"]!["id"]!.ToString());
        Assert.Equal("SY030107", status["subDistrict"]!.ToString());
        Assert.Equal("SubDistrict", (await SingleAsync<AssignmentEntity>(code, Keys.AssignmentPrefix)).CoverageLevel);
    }

    [Fact]
    public async Task Submit_NoNgoServesSectorThere_BecomesUnroutable()
    {
        var code = await SubmitJsonAsync(new { sector = "shelter", governorate = "SY14", description = "بيتنا تضرر ونحتاج إلى مأوى مؤقت", consent = true });

        var status = await _system.WaitForStatusAsync(code, "Unroutable", RoutedWithin);

        Assert.Null(status["ngo"]);
        Assert.Equal("Unroutable", status["events"]!.AsArray().Last()!["type"]!.ToString());
    }

    [Fact]
    public async Task Submit_ArabicDescription_StoredByteForByte()
    {
        // Arabic with tashkeel, an emoji, a right-to-left mark and Arabic-Indic digits.
        const string description = "نَحتاجُ إلى حليبِ أطفالٍ 🍼 لطفلين عمرهما ٣ أشهر\u200F — شكراً";
        var code = await SubmitJsonAsync(new { sector = "food", governorate = "SY03", description, consent = true });

        var stored = await _system.Requests.GetEntityAsync<ServiceRequestEntity>(code.Replace("-", string.Empty), Keys.RequestRow);

        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(description), System.Text.Encoding.UTF8.GetBytes(stored.Value.Description));
    }

    [Fact]
    public async Task Submit_UnknownSector_400ProblemNamingSector()
    {
        var response = await _system.Http.PostAsJsonAsync("requests", new { sector = "weapons", governorate = "SY01", description = "Some long enough text here", consent = true });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        var errors = problem!["errors"]!.AsObject();
        Assert.Equal(["sector"], errors.Select(e => e.Key));
        Assert.Equal("اختر قطاعاً من القائمة.", errors["sector"]![0]!.ToString());
    }

    [Fact]
    public async Task Submit_EveryFieldWrong_EachFieldNamedAndNothingStored()
    {
        var response = await _system.Http.PostAsJsonAsync("requests?lang=en", new
        {
            sector = "health", governorate = "SY01", district = "SY0200", description = "short", urgency = "tomorrow",
            vulnerabilities = new[] { "rich" }, phone = "12", consent = false, language = "fr",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(
            ["consent", "description", "district", "language", "phone", "urgency", "vulnerabilities"],
            errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        // "fr" is no language of ours: the answer falls back to the caller's (?lang=en), not to Arabic.
        Assert.Equal("Language must be ar or en.", errors["language"]![0]!.ToString());
        var stored = 0;
        await foreach (var _ in _system.Requests.QueryAsync<TableEntity>())
        {
            stored++;
        }

        Assert.Equal(0, stored);
    }

    [Fact]
    public async Task Submit_WrongJsonType_400NamingField()
    {
        var response = await _system.Http.PostAsync("requests", new StringContent("""{"sector":"health","consent":"yes"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(["consent"], errors.Select(e => e.Key));
        Assert.Equal("نوع القيمة غير صحيح لهذا الحقل.", errors["consent"]![0]!.ToString());
    }

    [Fact]
    public async Task Submit_WrongJsonTypeWithLanguageEn_AnswersInTheLanguageTheBodyAsksFor()
    {
        var response = await _system.Http.PostAsync("requests", new StringContent(
            """{"sector":"health","vulnerabilities":"child","language":"en"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(["vulnerabilities"], problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.DoesNotMatch(@"\p{IsArabic}", problem.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public async Task HtmlFormPost_Invalid_FormAgainWithMessagesAndValuesKept()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "requests")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["sector"] = "health", ["governorate"] = "SY01", ["description"] = "قصير", ["language"] = "ar",
            }),
        };
        request.Headers.Accept.ParseAdd("text/html");

        var response = await _system.Http.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("dir=\"rtl\"", html);
        Assert.Contains("id=\"description-error\"", html);
        Assert.Contains("id=\"consent-error\"", html);
        Assert.Contains(">قصير</textarea>", html);
    }

    [Fact]
    public async Task HtmlFormPost_Valid_ConfirmationPageWithTrackingCode()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "requests")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["sector"] = "food", ["governorate"] = "SY01", ["description"] = "We need food baskets for five people", ["consent"] = "true", ["language"] = "en",
            }),
        };
        request.Headers.Accept.ParseAdd("text/html");

        var response = await _system.Http.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var code = response.Headers.Location!.Segments.Last();
        Assert.True(TrackingCode.TryParse(code, out var parsed));
        Assert.Contains($"id=\"tracking-code\">{parsed.Value}</p>", html);
        Assert.Contains("dir=\"ltr\"", html);
    }

    [Fact]
    public async Task StatusPage_Html_ShowsStatusInArabic()
    {
        var code = await SubmitJsonAsync(new { sector = "health", governorate = "SY01", district = "SY0100", description = "أحتاج إلى طبيب أسنان", consent = true });
        await _system.WaitForStatusAsync(code, "Routed", RoutedWithin);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"requests/{code}");
        request.Headers.Accept.ParseAdd("text/html");

        var html = await (await _system.Http.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Contains("<td id=\"status\">أُحيل إلى منظمة</td>", html);
        Assert.Contains("منظمة damascus-district-clinic", html);
    }

    [Fact]
    public async Task Status_UnknownOrMalformedCode_404Problem()
    {
        var unknown = await _system.Http.GetAsync("requests/" + TrackingCode.New().Value);
        var malformed = await _system.Http.GetAsync("requests/not-a-code!");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task DuplicatedQueueMessage_YieldsOneAssignmentAndOneCount()
    {
        var code = await SubmitJsonAsync(new { sector = "health", governorate = "SY01", district = "SY0100", description = "Insulin needed for my mother", consent = true });
        await _system.WaitForStatusAsync(code, "Routed", RoutedWithin);
        var request = await _system.Requests.GetEntityAsync<ServiceRequestEntity>(code.Replace("-", string.Empty), Keys.RequestRow);

        // Queues deliver at least once: the same message again, twice, at once.
        var duplicate = System.Text.Json.JsonSerializer.Serialize(new RequestSubmitted(request.Value.RequestId, request.Value.PartitionKey), MessageJson.Options);
        await Task.WhenAll(_system.RequestsSubmitted.SendMessageAsync(duplicate), _system.RequestsSubmitted.SendMessageAsync(duplicate));
        await WaitUntilQueueEmptyAsync();

        var assignments = await AllAsync<AssignmentEntity>(code, Keys.AssignmentPrefix);
        var events = await AllAsync<RequestEventEntity>(code, Keys.EventPrefix);
        var load = await _system.NgoCases.GetEntityAsync<NgoLoadEntity>("damascus-district-clinic", Keys.NgoLoadRow);
        Assert.Single(assignments);
        Assert.Equal(["Submitted", "Routed"], events.Select(e => e.Type));
        Assert.Equal(1, load.Value.OpenCases);
    }

    private async Task<string> SubmitJsonAsync(object body)
    {
        var response = await _system.Http.PostAsJsonAsync("requests", body);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["trackingCode"]!.ToString();
    }

    private async Task<T> SingleAsync<T>(string code, string prefix)
        where T : class, ITableEntity, new() => Assert.Single(await AllAsync<T>(code, prefix));

    private async Task<List<T>> AllAsync<T>(string code, string prefix)
        where T : class, ITableEntity, new()
    {
        var rows = new List<T>();
        var pk = code.Replace("-", string.Empty);
        await foreach (var row in _system.Requests.QueryAsync<T>(TableClient.CreateQueryFilter($"PartitionKey eq {pk}")))
        {
            if (row.RowKey.StartsWith(prefix, StringComparison.Ordinal))
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    private Task WaitUntilQueueEmptyAsync() => _system.RequestsSubmitted.UntilEmptyAsync(TimeSpan.FromSeconds(15));
}
