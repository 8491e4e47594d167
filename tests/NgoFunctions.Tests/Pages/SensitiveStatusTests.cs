using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;

namespace NgoFunctions.Tests.Pages;

/// <summary>The public status of a sensitive request, JSON and HTML: its status and dates, never its
/// sector, place, urgency or NGO, even once an NGO holds it.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SensitiveStatusTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestSystem _system = null!;
    private NgoDriver _driver = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite);
        _driver = new NgoDriver(_system, azurite);
        await _system.PutNgoAsync("homs-safe-space", ["protection", "food"], ["SY04"], handlesSensitive: true);
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task StatusJson_SensitiveRequestRouted_OnlyStatusAndDates()
    {
        var code = await _system.SubmitJsonAsync(new
        {
            sector = "food", governorate = "SY04", district = "SY0401", urgency = "emergency", description = "نحتاج إلى طعام ولا نريد أن يعرف أحد", consent = true, sensitive = true,
        });
        await _driver.StoredRoutedToAsync(code, "homs-safe-space");

        var status = (await _system.Http.GetFromJsonAsync<JsonObject>($"requests/{code}"))!;
        var json = status.ToJsonString();

        Assert.Equal("Routed", status["status"]!.ToString());
        Assert.True(status["sensitive"]!.GetValue<bool>());
        Assert.NotNull(status["submittedAt"]);
        Assert.NotNull(status["updatedAt"]);
        Assert.Equal(["Submitted", "Routed"], status["events"]!.AsArray().Select(e => e!["status"]!.ToString()));
        foreach (var field in new[] { "sector", "governorate", "district", "subDistrict", "urgency", "ngo" })
        {
            Assert.Null(status[field]);
        }

        Assert.DoesNotContain("food", json);
        Assert.DoesNotContain("SY04", json);
        Assert.DoesNotContain("emergency", json);
        Assert.DoesNotContain("homs-safe-space", json);
    }

    [Fact]
    public async Task StatusPage_ProtectionRequestRouted_NoSectorPlaceOrNgoName()
    {
        var code = await _system.SubmitJsonAsync(new
        {
            sector = "protection", governorate = "SY04", district = "SY0401", description = "أحتاج إلى حماية من التهديد", consent = true,
        });
        await _driver.StoredRoutedToAsync(code, "homs-safe-space");

        foreach (var language in new[] { "ar", "en" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"requests/{code}?lang={language}");
            request.Headers.Accept.ParseAdd("text/html");
            var html = await (await _system.Http.SendAsync(request)).Content.ReadAsStringAsync();

            Assert.Contains("<td id=\"status\">", html);
            Assert.Contains("id=\"sensitive\"", html);
            Assert.Contains("<time datetime=", html);
            Assert.DoesNotContain("homs-safe-space", html);
            Assert.DoesNotContain(language == "ar" ? "الحماية" : "Protection", html);
            Assert.DoesNotContain(language == "ar" ? "حمص" : "Homs", html);
            Assert.DoesNotContain(language == "ar" ? "القطاع" : "Sector", html);
        }
    }
}
