using System.Text.Json;
using Microsoft.AspNetCore.Http;
using NgoFunctions.Core.Intake;

namespace NgoFunctions.App.Http;

/// <summary>Reads a service request from a form post (<c>application/x-www-form-urlencoded</c>) or
/// JSON; the field names are the same in both (camelCase).</summary>
public static class SubmissionReader
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The submission, or the wire field whose value had the wrong type (<c>body</c> when the
    /// JSON as a whole is unreadable).</summary>
    public static async Task<(SubmitServiceRequest? Submission, string? UnreadableField)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (RequestLanguage.IsForm(request))
        {
            var form = await request.ReadFormAsync(cancellationToken);
            return (new SubmitServiceRequest
            {
                Sector = form["sector"],
                Governorate = form["governorate"],
                District = form["district"],
                SubDistrict = form["subDistrict"],
                Description = form["description"],
                Urgency = form["urgency"],
                Vulnerabilities = form["vulnerabilities"].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList(),
                Name = form["name"],
                Phone = form["phone"],
                Consent = form["consent"].ToString() is "on" or "true",
                Language = form["language"],
            }, null);
        }

        try
        {
            var submission = await JsonSerializer.DeserializeAsync<SubmitServiceRequest>(request.Body, Json, cancellationToken);
            return submission is null ? (null, "body") : (submission with { Vulnerabilities = submission.Vulnerabilities ?? [] }, null);
        }
        catch (JsonException ex)
        {
            // "$.consent" → "consent": name the field whose value had the wrong type.
            var field = ex.Path is { Length: > 2 } path ? path[2..].Split('.', '[')[0] : "body";
            return (null, field);
        }
    }
}
