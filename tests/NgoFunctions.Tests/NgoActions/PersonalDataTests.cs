using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Messages;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.NgoActions;

/// <summary>The citizen's name, phone and description reach an NGO only after it accepted, and only
/// if the citizen consented; never in the NGO's list.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PersonalDataTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Name = "ليلى الحسن";
    private const string Description = "ابني يحتاج إلى كرسي متحرك بعد الحادث";
    private TestSystem _system = null!;
    private NgoDriver _driver = null!;
    private HttpClient _ngo = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite);
        _driver = new NgoDriver(_system, azurite);
        _ngo = await _driver.NgoAsync("daraa-rehab", ["disability"], ["SY12"]);
    }

    public async Task DisposeAsync()
    {
        _ngo.Dispose();
        await _system.DisposeAsync();
    }

    [Fact]
    public async Task BeforeAccepting_NoNameNoPhoneNoDescription()
    {
        var code = await _driver.SubmitAsync(sector: "disability", governorate: "SY12", name: Name, phone: "0933111222", description: Description);
        await _driver.RoutedToAsync(code, "daraa-rehab");

        var text = await _ngo.GetStringAsync($"ngo/requests/{code}");
        var list = await _ngo.GetStringAsync("ngo/requests");

        var view = JsonNode.Parse(text)!;
        Assert.Null(view["citizen"]);
        Assert.Equal("not-accepted", view["citizenWithheld"]!.ToString());
        Assert.All([text, list], t =>
        {
            Assert.DoesNotContain(Name, t);
            Assert.DoesNotContain("933111222", t);
            Assert.DoesNotContain(Description, t);
        });
    }

    [Fact]
    public async Task AfterAcceptingWithConsent_NamePhoneAndDescriptionShown()
    {
        var code = await _driver.SubmitAsync(sector: "disability", governorate: "SY12", name: Name, phone: "0933111222", description: Description);
        await _driver.RoutedToAsync(code, "daraa-rehab");

        var accepted = await (await NgoDriver.ActAsync(_ngo, code, "accept")).Content.ReadFromJsonAsync<JsonObject>();
        var read = await _ngo.GetFromJsonAsync<JsonObject>($"ngo/requests/{code}");

        foreach (var view in new[] { accepted!, read! })
        {
            Assert.Equal(Name, view["citizen"]!["name"]!.ToString());
            Assert.Equal("+963933111222", view["citizen"]!["phone"]!.ToString());
            Assert.Equal(Description, view["citizen"]!["description"]!.ToString());
            Assert.Null(view["citizenWithheld"]);
        }

        Assert.DoesNotContain(Name, await _ngo.GetStringAsync("ngo/requests"));
    }

    [Fact]
    public async Task AfterAcceptingWithoutConsent_StillWithheld()
    {
        // Intake refuses a request without consent; a request stored before that rule (or by another
        // channel) may lack it, so it is written here directly and routed by the real router.
        var code = await StoreWithoutConsentAsync();
        await _driver.RoutedToAsync(code, "daraa-rehab");

        var accepted = await NgoDriver.ActAsync(_ngo, code, "accept");
        var text = await _ngo.GetStringAsync($"ngo/requests/{code}");

        Assert.Equal("Accepted", (await accepted.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.ToString());
        var view = JsonNode.Parse(text)!;
        Assert.Null(view["citizen"]);
        Assert.Equal("no-consent", view["citizenWithheld"]!.ToString());
        Assert.DoesNotContain(Name, text);
        Assert.DoesNotContain(Description, text);
    }

    private async Task<string> StoreWithoutConsentAsync()
    {
        var services = _system.App.Services;
        var code = TrackingCode.New().Value;
        var now = DateTimeOffset.UtcNow;
        var request = new ServiceRequestEntity
        {
            PartitionKey = code,
            RowKey = Keys.RequestRow,
            RequestId = Guid.NewGuid(),
            Sector = "disability",
            Governorate = "SY12",
            Description = Description,
            Urgency = nameof(Urgency.Normal),
            Channel = nameof(RequestChannel.Form),
            Name = Name,
            Phone = "+963933111222",
            Consent = false,
            Status = nameof(RequestStatus.Submitted),
            SubmittedAt = now,
            UpdatedAt = now,
        };
        Assert.True(await services.GetRequiredService<ServiceRequestStore>().TryCreateAsync(request, RequestChanges.Submitted(request, "citizen"), CancellationToken.None));
        await services.GetRequiredService<QueueSender>().SendAsync(
            services.GetRequiredService<IOptions<QueueOptions>>().Value.RequestsSubmitted, new RequestSubmitted(request.RequestId, code), CancellationToken.None);
        return code;
    }
}
