using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace NgoFunctions.Load;

/// <summary>What a bot-latency run sends.</summary>
/// <param name="Chats">Fresh private chats, each sending <c>/start</c> once.</param>
/// <param name="Concurrency">Chats in flight at once.</param>
/// <param name="BotPort">Where <see cref="FakeBotApiServer"/> listens: the system's <c>Telegram:ApiBaseUrl</c>.</param>
/// <param name="WebhookSecret">The system's <c>Telegram:WebhookSecret</c>.</param>
/// <param name="Timeout">How long to wait for one chat's first reply.</param>
public sealed record BotLatencyOptions(int Chats, int Concurrency, int BotPort, string WebhookSecret, TimeSpan Timeout);

/// <summary>The bot's answer time as a citizen feels it: fresh chats post <c>/start</c> to the webhook,
/// C at a time, and for each the time from sending the update to the first <c>sendMessage</c> reaching
/// the Bot API is taken, beside the webhook's own answer time. Two chats first, not counted, warm the
/// system. Exit code 1 when a chat got no reply (never because of timings).</summary>
public static class BotLatencyRun
{
    private const int WarmUp = 2;

    /// <summary>Runs it against <paramref name="baseUrl"/> and prints the percentiles.</summary>
    public static async Task<int> RunAsync(Uri baseUrl, BotLatencyOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        using var bot = FakeBotApiServer.Start(options.BotPort);
        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = options.Timeout };
        var firstChat = 7_000_000_000L + Random.Shared.Next(1, 1_000_000_000);
        foreach (var chat in Enumerable.Range(0, WarmUp))
        {
            await MeasureAsync(http, bot, firstChat - 1 - chat, options, cancellationToken);
        }

        var webhook = new List<double>();
        var firstReply = new List<double>();
        var missing = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, options.Chats).Select(i => firstChat + i),
            new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken },
            async (chat, token) =>
            {
                var (answered, replied) = await MeasureAsync(http, bot, chat, options, token);
                lock (webhook)
                {
                    webhook.Add(answered);
                    if (replied is { } reply)
                    {
                        firstReply.Add(reply);
                    }
                    else
                    {
                        missing++;
                    }
                }
            });

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"chats {options.Chats}, {options.Concurrency} at a time; no reply: {missing}"));
        output.WriteLine(Line("webhook answered   ", webhook));
        output.WriteLine(Line("update→first reply ", firstReply));
        return missing == 0 ? 0 : 1;
    }

    private static async Task<(double Answered, double? Replied)> MeasureAsync(HttpClient http, FakeBotApiServer bot, long chat, BotLatencyOptions options, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/telegram/webhook") { Content = new StringContent(Start(chat), Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", options.WebhookSecret);
        var sent = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var answered = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
        var first = bot.FirstMessageAsync(chat);
        if (await Task.WhenAny(first, Task.Delay(options.Timeout, cancellationToken)) != first)
        {
            return (answered, null);
        }

        return (answered, Stopwatch.GetElapsedTime(sent, await first).TotalMilliseconds);
    }

    // A citizen's first message: "/start" in a private chat, as Telegram sends it.
    private static string Start(long chat) => new JsonObject
    {
        ["update_id"] = chat % 1_000_000_000,
        ["message"] = new JsonObject
        {
            ["message_id"] = 1,
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["chat"] = new JsonObject { ["id"] = chat, ["type"] = "private", ["first_name"] = "سلمى" },
            ["from"] = new JsonObject { ["id"] = chat, ["is_bot"] = false, ["first_name"] = "سلمى", ["language_code"] = "ar" },
            ["text"] = "/start",
            ["entities"] = new JsonArray(new JsonObject { ["type"] = "bot_command", ["offset"] = 0, ["length"] = 6 }),
        },
    }.ToJsonString();

    private static string Line(string name, List<double> values) => string.Create(
        CultureInfo.InvariantCulture,
        $"{name} ms: p50 {Percentiles.Of(values, 50):F0}, p95 {Percentiles.Of(values, 95):F0}, max {(values.Count == 0 ? double.NaN : values.Max()):F0} (n={values.Count})");
}
