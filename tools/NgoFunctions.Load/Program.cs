using System.CommandLine;
using NgoFunctions.Load;

// Submits N service requests at concurrency C to a running NgoFunctions, waits until each is routed
// (Routed or Unroutable), checks none was lost or routed twice, and prints the figures. Exit code 1
// when any request was lost or duplicated (never because of timings).
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

var command = new RootCommand("Load test of the request path: intake -> queue -> routing.")
{
    baseUrl, storage, requests, concurrency, timeout, adminKey, requestsTable, clientHeader,
};
command.SetAction(async (parse, cancellationToken) =>
{
    var options = new LoadOptions(
        new Uri(parse.GetValue(baseUrl)!.TrimEnd('/') + "/"), parse.GetValue(storage)!, parse.GetValue(requests), parse.GetValue(concurrency),
        TimeSpan.FromSeconds(parse.GetValue(timeout)), parse.GetValue(adminKey)!, parse.GetValue(requestsTable)!, parse.GetValue(clientHeader));
    return await LoadRun.RunAsync(options, Console.Out, cancellationToken);
});
return await command.Parse(args).InvokeAsync();
