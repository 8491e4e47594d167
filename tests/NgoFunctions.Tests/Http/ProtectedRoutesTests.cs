using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;
using NgoFunctions.App.Access;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;

namespace NgoFunctions.Tests.Http;

/// <summary>Every protected route, through the real worker process and its key middleware: without a
/// key, and with each key of another role, 401 problem+json; with its own role's key, past the gate.
/// The routes come from the functions' declarations, so a new protected function is covered without a
/// new test.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed partial class ProtectedRoutesTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task EveryProtectedRoute_RefusesOtherRolesKeys_AndLetsItsOwnRolePass()
    {
        await using var system = await TestSystem.StartAsync(azurite);
        var driver = new NgoDriver(system, azurite);
        await system.PutNgoAsync("gate-clinic", ["health"], ["SY01"]);
        var ngoKey = await driver.IssueKeyAsync("gate-clinic");
        var partnerResponse = await system.Http.PostAsync("registry/partners/gate-partner/keys", null);
        var partnerKey = (await partnerResponse.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["key"]!.ToString();
        var keys = new Dictionary<string, string?>
        {
            ["none"] = null,
            ["admin"] = TestSystem.AdminKey,
            ["ministry"] = TestSystem.MinistryKey,
            ["ngo"] = ngoKey,
            ["partner"] = partnerKey,
            ["unknown"] = "not-a-key-of-anyone",
        };
        var failures = new List<string>();
        var protectedFunctions = AccessDeclarationTests.Functions()
            .Select(f => (f.Name, f.Route, Role: f.Method.GetCustomAttribute<RequiresKeyAttribute>()?.Role, Methods: Methods(f.Method)))
            .Where(f => f.Role is not null)
            .ToList();
        Assert.NotEmpty(protectedFunctions);

        foreach (var (name, route, role, methods) in protectedFunctions)
        {
            var path = Placeholder().Replace(route, m => m.Groups[1].Value switch
            {
                "trackingCode" => "ABCDE-23456",
                "queue" => "requests-submitted",
                _ => "sample-" + m.Groups[1].Value,
            });
            foreach (var (holder, key) in keys)
            {
                var opens = holder == "admin" && role is CallerRole.Admin or CallerRole.Ministry
                            || holder == "ministry" && role == CallerRole.Ministry
                            || holder == "ngo" && role == CallerRole.Ngo
                            || holder == "partner" && role == CallerRole.Partner;
                using var request = new HttpRequestMessage(new HttpMethod(methods[0]), path);
                if (key is not null)
                {
                    request.Headers.Add("X-Api-Key", key);
                }

                using var anonymous = new HttpClient { BaseAddress = system.Http.BaseAddress };
                using var response = await anonymous.SendAsync(request);
                // An Open311 partner route refuses as GeoReport v2 does: 403 with the spec's error list.
                var refused = role == CallerRole.Partner
                    ? response.StatusCode == HttpStatusCode.Forbidden && response.Content.Headers.ContentType?.MediaType == "application/json"
                    : response.StatusCode == HttpStatusCode.Unauthorized && response.Content.Headers.ContentType?.MediaType == "application/problem+json";
                if (opens == refused || (opens && response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized))
                {
                    failures.Add($"{name} {methods[0]} /api/{path} with the {holder} key: {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static string[] Methods(MethodInfo method) =>
        method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).First(a => a is not null)!.Methods!
            .Select(m => m.ToUpperInvariant()).ToArray();

    [GeneratedRegex(@"\{([A-Za-z]+)[^}]*\}")]
    private static partial Regex Placeholder();
}
