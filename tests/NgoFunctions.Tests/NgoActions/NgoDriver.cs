using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Intake;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.NgoActions;

/// <summary>Plays the admin, the citizen and the NGOs against one <see cref="TestSystem"/>: issues
/// keys, submits requests through the intake service (as the form and the bot do), calls the NGO API
/// with a given key and reads what storage holds.</summary>
public sealed class NgoDriver(TestSystem system, AzuriteFixture azurite)
{
    /// <summary>How long anything asynchronous (routing, notifications, the timer) may take.</summary>
    public static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    /// <summary>The system driven.</summary>
    public TestSystem System => system;

    /// <summary>The NgoApiKeys table of this system.</summary>
    public TableClient ApiKeys { get; } = new TableServiceClient(azurite.ConnectionString).GetTableClient(system.Names.NgoApiKeysTable);

    /// <summary>Issues a key for <paramref name="ngoId"/> through the admin API; returns the key.</summary>
    public async Task<string> IssueKeyAsync(string ngoId)
    {
        var response = await system.Http.PostAsync($"registry/ngos/{ngoId}/keys", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["key"]!.ToString();
    }

    /// <summary>A client of the API that sends <paramref name="key"/> as <c>X-Api-Key</c> (none when <c>null</c>).</summary>
    public HttpClient Client(string? key)
    {
        var client = new HttpClient { BaseAddress = system.Http.BaseAddress };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return client;
    }

    /// <summary>Registers an NGO and issues it a key; returns a client that speaks as that NGO.</summary>
    public async Task<HttpClient> NgoAsync(string id, string[] sectors, string[] coverage, int capacity = 10)
    {
        await system.PutNgoAsync(id, sectors, coverage, capacity);
        return Client(await IssueKeyAsync(id));
    }

    /// <summary>Submits a request through the intake service (the path of the form and the bot);
    /// returns its canonical tracking code.</summary>
    public async Task<string> SubmitAsync(
        string sector = "health",
        string governorate = "SY01",
        string? district = null,
        long? telegramChatId = null,
        string? name = null,
        string? phone = null,
        string description = "أحتاج إلى دواء للسكري لوالدتي المسنة",
        string? urgency = null,
        IReadOnlyList<string>? vulnerabilities = null)
    {
        var intake = system.App.Services.GetRequiredService<ServiceRequestIntake>();
        var result = await intake.SubmitAsync(new SubmitServiceRequest
        {
            Sector = sector,
            Governorate = governorate,
            District = district,
            Description = description,
            Urgency = urgency,
            Vulnerabilities = vulnerabilities ?? [],
            Name = name,
            Phone = phone,
            Consent = true,
            Language = "ar",
            Channel = telegramChatId is null ? RequestChannel.Form : RequestChannel.Telegram,
            ChannelAddress = telegramChatId is { } chat ? Core.Telegram.TelegramAddress.Of(chat) : null,
        }, CancellationToken.None);
        return IntakeOutcomes.Accepted(result).TrackingCode.Value;
    }

    /// <summary>Waits until the request is routed to <paramref name="ngoId"/>; returns its status view.</summary>
    public Task<JsonObject> RoutedToAsync(string trackingCode, string ngoId) =>
        WaitForAsync(trackingCode, s => s["status"]?.ToString() == "Routed" && s["ngo"]?["id"]?.ToString() == ngoId, $"Routed to {ngoId}");

    /// <summary>Polls the public status of a request until <paramref name="condition"/> holds.</summary>
    public async Task<JsonObject> WaitForAsync(string trackingCode, Func<JsonObject, bool> condition, string what) => (await Eventually.ReadsAsync(
        () => system.Http.GetFromJsonAsync<JsonObject>($"requests/{trackingCode}"),
        status => status is not null && condition(status),
        Within,
        $"{trackingCode} {what}",
        status => status?.ToJsonString() ?? "nothing"))!;

    /// <summary>POSTs an NGO action (<c>accept</c>, <c>decline</c>, <c>start</c>, <c>resolve</c>) with an optional JSON body.</summary>
    /// <summary>The body of a successful resolution.</summary>
    public static readonly object Successful = new { outcome = "successful" };

    /// <summary>The body an action needs at least: a successful outcome for a resolution, none otherwise.</summary>
    public static object? BodyFor(string action) => action == "resolve" ? Successful : null;

    public static Task<HttpResponseMessage> ActAsync(HttpClient ngo, string trackingCode, string action, object? body = null) =>
        body is null
            ? ngo.PostAsync($"ngo/requests/{trackingCode}/{action}", null)
            : ngo.PostAsJsonAsync($"ngo/requests/{trackingCode}/{action}", body);

    /// <summary>The NGO's load entity (a zero one when it never had a case).</summary>
    public async Task<NgoLoadEntity> LoadAsync(string ngoId)
    {
        var found = await system.NgoCases.GetEntityIfExistsAsync<NgoLoadEntity>(ngoId, Keys.NgoLoadRow);
        return found.HasValue ? found.Value! : new NgoLoadEntity();
    }

    /// <summary>The NGO's case rows in one range (<see cref="Keys.NgoCasePrefix"/> or <see cref="Keys.NgoClosedCasePrefix"/>).</summary>
    public async Task<List<NgoCaseEntity>> CaseRowsAsync(string ngoId, string prefix)
    {
        var rows = new List<NgoCaseEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ngoId} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + "."}");
        await foreach (var row in system.NgoCases.QueryAsync<NgoCaseEntity>(filter))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The rows of one kind (<see cref="Keys.AssignmentPrefix"/>, <see cref="Keys.EventPrefix"/>, ...) of a request.</summary>
    public async Task<List<T>> RowsAsync<T>(string trackingCode, string prefix)
        where T : class, ITableEntity, new()
    {
        var rows = new List<T>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {trackingCode} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + "."}");
        await foreach (var row in system.Requests.QueryAsync<T>(filter))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The stored request.</summary>
    public async Task<ServiceRequestEntity> RequestAsync(string trackingCode) =>
        (await system.Requests.GetEntityAsync<ServiceRequestEntity>(trackingCode, Keys.RequestRow)).Value;
}
