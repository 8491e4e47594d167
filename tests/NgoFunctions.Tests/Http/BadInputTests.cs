using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;

namespace NgoFunctions.Tests.Http;

/// <summary>Input a careless or hostile client sends is answered 400 with the field named, never 500,
/// and nothing of it is stored: text that is not text (half a UTF-16 surrogate pair), nulls where a
/// list of codes is expected.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class BadInputTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestSystem _system = null!;

    public async Task InitializeAsync() => _system = await TestSystem.StartAsync(azurite);

    public async Task DisposeAsync() => await _system.DisposeAsync();

    // JSON may escape half a surrogate pair ("\ud800"): it parses, but is no text any store or reader can
    // take. Each field of the form's JSON in turn.
    [Theory]
    [InlineData("description", """{"sector":"wash","governorate":"SY05","description":"لا توجد مياه \ud800 صالحة للشرب","consent":true}""")]
    [InlineData("name", """{"sector":"wash","governorate":"SY05","description":"لا توجد مياه صالحة للشرب","name":"سلمى \udc00","consent":true}""")]
    [InlineData("phone", """{"sector":"wash","governorate":"SY05","description":"لا توجد مياه صالحة للشرب","phone":"0944\ud83d","consent":true}""")]
    [InlineData("sector", """{"sector":"wa\udfffsh","governorate":"SY05","description":"لا توجد مياه صالحة للشرب","consent":true}""")]
    [InlineData("language", """{"sector":"wash","governorate":"SY05","description":"لا توجد مياه صالحة للشرب","consent":true,"language":"\ud800"}""")]
    public async Task Submit_LoneSurrogateInAString_400NamingTheFieldAndNothingStored(string field, string body)
    {
        var response = await _system.Http.PostAsync("requests", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal([field], errors.Select(e => e.Key));
        Assert.Equal("النص يحتوي على محارف غير صالحة.", errors[field]![0]!.ToString());
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Submit_LoneSurrogate_AnsweredInTheLanguageAsked()
    {
        var response = await _system.Http.PostAsync("requests?lang=en", new StringContent(
            """{"sector":"wash","governorate":"SY05","description":"no safe water \ud800 here","consent":true}""", Encoding.UTF8, "application/json"));

        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal("The text contains invalid characters.", errors["description"]![0]!.ToString());
    }

    [Theory]
    [InlineData("coverage", """{"name":{"ar":"جمعية حماة","en":"Hama Society"},"sectors":["wash"],"coverage":[null],"capacity":5,"active":true}""")]
    [InlineData("sectors", """{"name":{"ar":"جمعية حماة","en":"Hama Society"},"sectors":[null,"wash"],"coverage":["SY05"],"capacity":5,"active":true}""")]
    [InlineData("name", """{"name":{"ar":"جمعية \ud800 حماة","en":"Hama Society"},"sectors":["wash"],"coverage":["SY05"],"capacity":5,"active":true}""")]
    [InlineData("coverage", """{"name":{"ar":"جمعية حماة","en":"Hama Society"},"sectors":["wash"],"coverage":["SY\udc05"],"capacity":5,"active":true}""")]
    [InlineData("name.en", """{"name":{"ar":"جمعية حماة","en":"Hama \u202eSociety"},"sectors":["wash"],"coverage":["SY05"],"capacity":5,"active":true}""")]
    [InlineData("capacity", """{"name":{"ar":"جمعية حماة","en":"Hama Society"},"sectors":["wash"],"coverage":["SY05"],"capacity":"5","active":true}""")]
    public async Task Registry_NullCodeOrLoneSurrogate_400NamingTheFieldAndNothingStored(string field, string body)
    {
        var response = await _system.Http.PutAsync("registry/ngos/hama-society", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Contains(field, errors.Select(e => e.Key));
        Assert.Equal(HttpStatusCode.NotFound, (await _system.Http.GetAsync("registry/ngos/hama-society")).StatusCode);
    }

    [Fact]
    public async Task NgoResolveNote_LoneSurrogate_400AndTheCaseUnchanged()
    {
        var driver = new NgoDriver(_system, azurite);
        using var ngo = await driver.NgoAsync("hama-water", ["wash"], ["SY05"]);
        var code = await driver.SubmitAsync(sector: "wash", governorate: "SY05");
        await driver.RoutedToAsync(code, "hama-water");
        Assert.Equal(HttpStatusCode.OK, (await NgoDriver.ActAsync(ngo, code, "accept")).StatusCode);

        var response = await ngo.PostAsync($"ngo/requests/{code}/resolve", new StringContent("""{"note":"تم \ud800"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(["note"], errors.Select(e => e.Key));
        Assert.Equal("Accepted", (await _system.Http.GetFromJsonAsync<JsonObject>($"requests/{code}"))!["status"]!.ToString());
    }

    [Theory]
    [InlineData("perhaps", true)]
    [InlineData("on", true)]
    [InlineData("false", false)]
    public async Task FormSensitiveValue_AnythingButAnExplicitNoMarksTheRequestSensitive(string value, bool sensitive)
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["sector"] = "wash", ["governorate"] = "SY05", ["description"] = "لا توجد مياه صالحة للشرب في الحي", ["consent"] = "on", ["sensitive"] = value,
        });

        var response = await _system.Http.PostAsync("requests", form);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var code = response.Headers.Location!.Segments.Last();
        Assert.Equal(sensitive, (await _system.Requests.GetEntityAsync<NgoFunctions.Core.Storage.ServiceRequestEntity>(code, NgoFunctions.Core.Storage.Keys.RequestRow)).Value.Sensitive);
    }

    private async Task AssertNothingStoredAsync()
    {
        await foreach (var _ in _system.Requests.QueryAsync<TableEntity>())
        {
            Assert.Fail("nothing is stored of a refused request");
        }
    }
}
