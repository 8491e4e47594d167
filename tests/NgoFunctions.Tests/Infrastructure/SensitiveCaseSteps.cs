using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.NgoActions;

namespace NgoFunctions.Tests.Infrastructure;

/// <summary>Steps the sensitive-case tests share: registering an NGO that handles sensitive cases, and
/// submitting a request through the JSON API.</summary>
public static class SensitiveCaseSteps
{
    /// <summary>Registers an NGO through the registry API with <c>handlesSensitive</c> as given; fails the
    /// test unless it is stored.</summary>
    public static async Task PutNgoAsync(this TestSystem system, string id, string[] sectors, string[] coverage, bool handlesSensitive, int capacity = 10)
    {
        var response = await system.Http.PutAsJsonAsync($"registry/ngos/{id}", new
        {
            name = new { ar = "منظمة " + id, en = "NGO " + id },
            sectors,
            coverage,
            capacity,
            handlesSensitive,
        });
        Assert.True(response.IsSuccessStatusCode, $"PUT {id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Waits until the stored request is routed to <paramref name="ngoId"/> (a sensitive request's
    /// public status does not name its NGO, so it is read from storage); returns it.</summary>
    public static Task<ServiceRequestEntity> StoredRoutedToAsync(this NgoDriver driver, string trackingCode, string ngoId) => Eventually.ReadsAsync(
        () => driver.RequestAsync(trackingCode),
        request => request.Status == "Routed" && request.AssignedNgoId == ngoId,
        NgoDriver.Within,
        $"{trackingCode} routed to {ngoId}",
        request => $"{request.Status} at {request.AssignedNgoId ?? "no NGO"}");

    /// <summary>POSTs <paramref name="body"/> to <c>/api/requests</c> as JSON; returns the canonical tracking code.</summary>
    public static async Task<string> SubmitJsonAsync(this TestSystem system, object body)
    {
        var response = await system.Http.PostAsJsonAsync("requests", body);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["trackingCode"]!.ToString().Replace("-", string.Empty, StringComparison.Ordinal);
    }
}
