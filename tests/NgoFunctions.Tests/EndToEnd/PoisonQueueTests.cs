using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using NgoFunctions.Core.Messages;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.EndToEnd;

/// <summary>Messages that fail every try land on the poison queue, are kept, and flag their request.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PoisonQueueTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestSystem _system = null!;

    public async Task InitializeAsync() => _system = await TestSystem.StartAsync(azurite);

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task UnreadableMessage_FailsFiveTimes_KeptFromPoisonQueue()
    {
        const string garbage = "this is not a routing message";
        await _system.RequestsSubmitted.SendMessageAsync(garbage);

        var kept = await WaitForPoisonRowAsync(_system.Names.RequestsSubmittedQueue + "-poison", TimeSpan.FromSeconds(30));

        Assert.Equal(garbage, kept.Body);
        Assert.Null(kept.TrackingCode);
    }

    [Fact]
    public async Task PoisonedRoutingMessage_RequestFlaggedNeedsAttentionWithEvent()
    {
        // A stored request whose routing message failed every try: hand it to the poison queue as the
        // queue runtime would.
        var response = await _system.Http.PostAsync("requests", new StringContent(
            """{"sector":"wash","governorate":"SY05","description":"لا توجد مياه صالحة للشرب في الحي","consent":true}""", System.Text.Encoding.UTF8, "application/json"));
        var code = response.Headers.Location!.Segments.Last();
        await _system.WaitForStatusAsync(code, "Unroutable", TimeSpan.FromSeconds(10));
        var request = await _system.Requests.GetEntityAsync<ServiceRequestEntity>(code, Keys.RequestRow);
        var poison = new QueueClient(azurite.ConnectionString, _system.Names.RequestsSubmittedQueue + "-poison", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var body = JsonSerializer.Serialize(new RequestSubmitted(request.Value.RequestId, code), MessageJson.Options);
        await poison.SendMessageAsync(body);
        await poison.SendMessageAsync(body);

        await WaitForPoisonRowAsync(_system.Names.RequestsSubmittedQueue + "-poison", TimeSpan.FromSeconds(15));
        var status = await Eventually.ReadsAsync(
            () => _system.WaitForStatusAsync(code, "Unroutable", TimeSpan.FromSeconds(1)),
            s => s["needsAttention"]!.GetValue<bool>(),
            TimeSpan.FromSeconds(10),
            "the request flagged for the ministry",
            s => s.ToJsonString());
        var events = status["events"]!.AsArray().Select(e => e!["type"]!.ToString()).ToList();
        Assert.Equal(["Submitted", "Unroutable", "NeedsAttention"], events);
    }

    [Fact]
    public async Task PoisonedRoutingMessage_ReplayedAndHandled_FlagClearedWithEvent()
    {
        await _system.PutNgoAsync("hama-water", ["wash"], ["SY05"]);
        var response = await _system.Http.PostAsync("requests", new StringContent(
            """{"sector":"wash","governorate":"SY05","description":"لا توجد مياه صالحة للشرب في الحي","consent":true}""", System.Text.Encoding.UTF8, "application/json"));
        var code = response.Headers.Location!.Segments.Last();
        await _system.WaitForStatusAsync(code, "Routed", TimeSpan.FromSeconds(10));
        var request = await _system.Requests.GetEntityAsync<ServiceRequestEntity>(code, Keys.RequestRow);
        var poisonQueue = _system.Names.RequestsSubmittedQueue + "-poison";
        var poison = new QueueClient(azurite.ConnectionString, poisonQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await poison.SendMessageAsync(JsonSerializer.Serialize(new RequestSubmitted(request.Value.RequestId, code), MessageJson.Options));
        await Eventually.HoldsAsync(async () => (await StatusAsync(code))["needsAttention"]!.GetValue<bool>(), TimeSpan.FromSeconds(15), "flagged from the poison queue");

        using var ministry = new HttpClient { BaseAddress = _system.Http.BaseAddress };
        ministry.DefaultRequestHeaders.Add("X-Api-Key", TestSystem.MinistryKey);
        var parked = (await ministry.GetFromJsonAsync<JsonObject>("ministry/parked-messages"))!["queues"]!.AsArray();
        var routing = Assert.Single(parked, q => q!["stage"]!.ToString() == "routing")!;
        Assert.Equal((poisonQueue, 1, 1), (routing["queue"]!.ToString(), routing["count"]!.GetValue<int>(), routing["withRequest"]!.GetValue<int>()));
        Assert.All(parked.Where(q => q!["stage"]!.ToString() != "routing"), q => Assert.Equal(0, q!["count"]!.GetValue<int>()));
        using var anonymous = new HttpClient { BaseAddress = _system.Http.BaseAddress };
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await anonymous.GetAsync("ministry/parked-messages")).StatusCode);

        var replay = await _system.Http.PostAsync($"ops/poison-messages/{poisonQueue}/replay", null);

        Assert.Equal(1, (await replay.Content.ReadFromJsonAsync<JsonObject>())!["replayed"]!.GetValue<int>());
        Assert.Equal(0, (await ministry.GetFromJsonAsync<JsonObject>("ministry/parked-messages"))!["queues"]![0]!["count"]!.GetValue<int>());
        await Eventually.HoldsAsync(async () => !(await StatusAsync(code))["needsAttention"]!.GetValue<bool>(), TimeSpan.FromSeconds(15), "the flag cleared once the replay was handled");
        var events = (await StatusAsync(code))["events"]!.AsArray().Select(e => e!["type"]!.ToString()).ToList();
        Assert.Equal(["Submitted", "Routed", "NeedsAttention", "AttentionCleared"], events);
        await foreach (var kept in _system.PoisonMessages.QueryAsync<PoisonMessageEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {poisonQueue}")))
        {
            Assert.Fail("the replayed message is no longer kept");
        }
    }

    [Fact]
    public async Task KeptMessage_ListedThenReplayedToItsQueueAndHandled()
    {
        const string garbage = "still not a routing message";
        await _system.RequestsSubmitted.SendMessageAsync(garbage);
        var poisonQueue = _system.Names.RequestsSubmittedQueue + "-poison";
        await WaitForPoisonRowAsync(poisonQueue, TimeSpan.FromSeconds(30));

        var listed = await _system.Http.GetFromJsonAsync<JsonArray>($"ops/poison-messages/{poisonQueue}");
        var replay = await _system.Http.PostAsync($"ops/poison-messages/{poisonQueue}/replay", null);
        var unknown = await _system.Http.PostAsync("ops/poison-messages/other-queue-poison/replay", null);
        var unknownList = await _system.Http.GetAsync($"ops/poison-messages/{_system.Names.RequestsSubmittedQueue}");
        using var anonymous = new HttpClient { BaseAddress = _system.Http.BaseAddress };
        var unauthorised = await anonymous.PostAsync($"ops/poison-messages/{poisonQueue}/replay", null);

        Assert.Equal(garbage, Assert.Single(listed!)!["body"]!.ToString());
        Assert.Equal(1, (await replay.Content.ReadFromJsonAsync<JsonObject>())!["replayed"]!.GetValue<int>());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknownList.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, unauthorised.StatusCode);

        // The replayed garbage fails again and is kept again: nothing is lost either way.
        await WaitForPoisonRowAsync(poisonQueue, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task PoisonedTelegramUpdates_KeptAsIdsTypeAndKeyedChatHash_NeverContent_NotReplayable()
    {
        // What a citizen says, shares and where they are: none of it may be kept.
        const string words = "زوجي يضربني ولا أعرف إلى أين أذهب";
        const string phone = "+963944123456";
        var poisonQueue = _system.Names.TelegramUpdatesQueue + "-poison";
        var poison = new QueueClient(azurite.ConnectionString, poisonQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await poison.SendMessageAsync(Update(901, 7001, $"\"text\":\"{words}\""));
        await poison.SendMessageAsync(Update(902, 7001, $"\"contact\":{{\"phone_number\":\"{phone}\",\"first_name\":\"Salma\",\"user_id\":7001}}"));
        await poison.SendMessageAsync(Update(903, 7002, "\"location\":{\"latitude\":36.2012,\"longitude\":37.1612}"));
        await poison.SendMessageAsync(Update(903, 7002, "\"location\":{\"latitude\":36.2012,\"longitude\":37.1612}"));

        var rows = new List<PoisonMessageEntity>();
        await Eventually.HoldsAsync(async () =>
        {
            rows.Clear();
            await foreach (var row in _system.PoisonMessages.QueryAsync<PoisonMessageEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {poisonQueue}")))
            {
                rows.Add(row);
            }

            return rows.Count == 3;
        }, TimeSpan.FromSeconds(20), "three distinct updates kept once each");

        var kept = rows.Select(r => JsonNode.Parse(r.Body)!.AsObject()).OrderBy(d => d["update_id"]!.GetValue<long>()).ToList();
        Assert.Equal([901L, 902L, 903L], kept.Select(d => d["update_id"]!.GetValue<long>()));
        Assert.All(kept, d => Assert.Equal("Message", d["type"]!.ToString()));
        Assert.All(kept, d => Assert.Equal(["update_id", "type", "chat"], d.Select(p => p.Key)));
        Assert.Equal(kept[0]["chat"]!.ToString(), kept[1]["chat"]!.ToString());
        Assert.NotEqual(kept[0]["chat"]!.ToString(), kept[2]["chat"]!.ToString());
        Assert.DoesNotContain("7001", kept[0]["chat"]!.ToString());
        foreach (var row in rows)
        {
            foreach (var secret in new[] { words, phone, "Salma", "36.2012", "7001", "7002" })
            {
                Assert.DoesNotContain(secret, row.Body);
                Assert.DoesNotContain(secret, row.RowKey);
            }
        }

        var listed = await _system.Http.GetFromJsonAsync<JsonArray>($"ops/poison-messages/{poisonQueue}");
        Assert.Equal(3, listed!.Count);
        Assert.DoesNotContain(words, listed.ToJsonString());
        var replay = await _system.Http.PostAsync($"ops/poison-messages/{poisonQueue}/replay", null);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, replay.StatusCode);
        Assert.Equal("application/problem+json", replay.Content.Headers.ContentType!.MediaType);
    }

    private static string Update(long updateId, long chatId, string content) =>
        $$$"""{"update_id":{{{updateId}}},"message":{"message_id":{{{updateId}}},"date":1764900000,"chat":{"id":{{{chatId}}},"type":"private"},"from":{"id":{{{chatId}}},"is_bot":false,"first_name":"Salma"},{{{content}}}}}""";

    private async Task<JsonObject> StatusAsync(string code) => (await _system.Http.GetFromJsonAsync<JsonObject>($"requests/{code}"))!;

    private async Task<PoisonMessageEntity> WaitForPoisonRowAsync(string poisonQueue, TimeSpan timeout) => (await Eventually.ReadsAsync(
        async () =>
        {
            await foreach (var row in _system.PoisonMessages.QueryAsync<PoisonMessageEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {poisonQueue}")))
            {
                return row;
            }

            return null;
        },
        row => row is not null,
        timeout,
        $"a row kept from {poisonQueue}"))!;
}
