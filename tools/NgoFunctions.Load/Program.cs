using System.CommandLine;
using NgoFunctions.Load;

// Submits N service requests at concurrency C to a running NgoFunctions, waits until routing decided
// each (Routed, Waitlisted or Unroutable), checks none was lost or routed twice, and prints the figures.
// Exit code 1 when any request was lost or duplicated (never because of timings). With --flood F, a
// flood instead: F scripted submissions from one address while --genuine G citizens submit from
// addresses and phones of their own (FloodRun). With --bot-chats K, the bot's answer time instead:
// K fresh chats send /start to the webhook, and the time to each one's first reply is taken (BotLatencyRun).
var baseUrl = new Option<string>("--base-url")
{
    Description = "The running system's base URL (env NGO_BASE_URL).",
    DefaultValueFactory = _ => Environment.GetEnvironmentVariable("NGO_BASE_URL") ?? "http://127.0.0.1:7071",
};
var storage = new Option<string>("--storage")
{
    Description = "Storage connection string of that system (env AzureWebJobsStorage).",
    DefaultValueFactory = _ => Environment.GetEnvironmentVariable("AzureWebJobsStorage") ?? "UseDevelopmentStorage=true",
};
var requests = new Option<int>("--requests", "-n") { Description = "Requests to submit.", DefaultValueFactory = _ => 500 };
var concurrency = new Option<int>("--concurrency", "-c") { Description = "Requests in flight at once.", DefaultValueFactory = _ => 8 };
var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for every request to be routed.", DefaultValueFactory = _ => 300 };
var adminKey = new Option<string>("--admin-key")
{
    Description = "Admin API key, to read the registry and aim requests at covered places (env NGO_ADMIN_KEY).",
    DefaultValueFactory = _ => Environment.GetEnvironmentVariable("NGO_ADMIN_KEY") ?? "local-admin-key",
};
var requestsTable = new Option<string>("--requests-table") { Description = "The ServiceRequests table name.", DefaultValueFactory = _ => "ServiceRequests" };
var clientHeader = new Option<string?>("--client-header")
{
    Description = "Send each request from an address of its own in this header; start the system with IntakeLimits__ForwardedForHeader set to it (else the per-address limit refuses most requests).",
};

var flood = new Option<int>("--flood")
{
    Description = "Run a flood instead: this many submissions from one address (needs --client-header, trusted by the system), among --genuine citizens.",
    DefaultValueFactory = _ => 0,
};
var genuine = new Option<int>("--genuine") { Description = "With --flood: citizens submitting from addresses and phones of their own.", DefaultValueFactory = _ => 50 };
var perAddress = new Option<int>("--per-address-limit")
{
    Description = "With --flood: the system's IntakeLimits:PerAddress, the most the flood may store.",
    DefaultValueFactory = _ => 5,
};

var botChats = new Option<int>("--bot-chats")
{
    Description = "Measure the bot instead: this many fresh chats send /start to the webhook (at --concurrency); the system's Telegram:ApiBaseUrl must be http://127.0.0.1:{--bot-port}.",
    DefaultValueFactory = _ => 0,
};
var botPort = new Option<int>("--bot-port") { Description = "With --bot-chats: where the stand-in Bot API listens.", DefaultValueFactory = _ => 18081 };
var webhookSecret = new Option<string>("--webhook-secret")
{
    Description = "With --bot-chats: the system's Telegram:WebhookSecret (env TELEGRAM_WEBHOOK_SECRET).",
    DefaultValueFactory = _ => Environment.GetEnvironmentVariable("TELEGRAM_WEBHOOK_SECRET") ?? string.Empty,
};

var command = new RootCommand("Load test of the request path: intake -> queue -> routing; or of the bot's answer time.")
{
    baseUrl, storage, requests, concurrency, timeout, adminKey, requestsTable, clientHeader, flood, genuine, perAddress, botChats, botPort, webhookSecret,
};
command.SetAction(async (parse, cancellationToken) =>
{
    var options = new LoadOptions(
        new Uri(parse.GetValue(baseUrl)!.TrimEnd('/') + "/"), parse.GetValue(storage)!, parse.GetValue(requests), parse.GetValue(concurrency),
        TimeSpan.FromSeconds(parse.GetValue(timeout)), parse.GetValue(adminKey)!, parse.GetValue(requestsTable)!, parse.GetValue(clientHeader));
    if (parse.GetValue(botChats) is > 0 and var chats)
    {
        return await BotLatencyRun.RunAsync(
            options.BaseUrl,
            new BotLatencyOptions(chats, options.Concurrency, parse.GetValue(botPort), parse.GetValue(webhookSecret)!, TimeSpan.FromSeconds(30)),
            Console.Out,
            cancellationToken);
    }

    return parse.GetValue(flood) is > 0 and var floodSize
        ? await FloodRun.RunAsync(options, new FloodOptions(floodSize, parse.GetValue(genuine), parse.GetValue(perAddress)), Console.Out, cancellationToken)
        : await LoadRun.RunAsync(options, Console.Out, cancellationToken);
});
return await command.Parse(args).InvokeAsync();
