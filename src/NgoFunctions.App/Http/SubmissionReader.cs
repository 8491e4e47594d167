using Microsoft.AspNetCore.Http;
using NgoFunctions.Core.Intake;

namespace NgoFunctions.App.Http;

/// <summary>Reads a service request from a form post (<c>application/x-www-form-urlencoded</c>) or
/// JSON; the field names are the same in both (camelCase).</summary>
public static class SubmissionReader
{
    /// <summary>The submission, or what was wrong with the body.</summary>
    public static async Task<BodyResult<SubmitServiceRequest>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!RequestLanguage.IsForm(request))
        {
            var json = await BodyReader.ReadJsonAsync<SubmitServiceRequest>(request, cancellationToken);
            return json.Value is null ? json : BodyResult<SubmitServiceRequest>.Ok(json.Value with { Vulnerabilities = json.Value.Vulnerabilities ?? [] });
        }

        var read = await BodyReader.ReadFormAsync(request, cancellationToken);
        if (read.Value is not { } form)
        {
            return BodyResult<SubmitServiceRequest>.Fail(read.Error, read.Field);
        }

        return BodyResult<SubmitServiceRequest>.Ok(new SubmitServiceRequest
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
            // Erring on the protective side: anything but an explicit no (or nothing) marks it sensitive.
            Sensitive = form["sensitive"].ToString() is { Length: > 0 } sensitive && sensitive is not ("false" or "off" or "0"),
            Language = form["language"],
        });
    }
}
