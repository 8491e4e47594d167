using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using NgoFunctions.App.Http;
using NgoFunctions.Core.Open311;

namespace NgoFunctions.App.Open311;

/// <summary>Reads a GeoReport v2 <c>POST requests</c> body (<c>application/x-www-form-urlencoded</c>, as the
/// spec says) into an <see cref="Open311Submission"/>: the standard fields by their names, and
/// <c>attribute[{code}]</c> / <c>attribute[{code}][]</c> into <see cref="Open311Submission.Attributes"/>.</summary>
public static partial class Open311FormReader
{
    /// <summary>The submission, or <c>null</c> when the body is not a form (or is over the body limits).</summary>
    public static async Task<Open311Submission?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!RequestLanguage.IsForm(request) || (await BodyReader.ReadFormAsync(request, cancellationToken)).Value is not { } form)
        {
            return null;
        }

        var attributes = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (key, values) in form)
        {
            if (AttributeField().Match(key) is { Success: true } match)
            {
                var list = attributes.TryGetValue(match.Groups[1].Value, out var known) ? known : attributes[match.Groups[1].Value] = [];
                list.AddRange(values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!));
            }
        }

        return new Open311Submission
        {
            ServiceCode = form["service_code"],
            Lat = form["lat"],
            Long = form["long"],
            AddressId = form["address_id"],
            Description = form["description"],
            FirstName = form["first_name"],
            LastName = form["last_name"],
            Phone = form["phone"],
            Attributes = attributes.ToDictionary(a => a.Key, a => (IReadOnlyList<string>)a.Value, StringComparer.Ordinal),
            Language = RequestLanguage.Of(request),
        };
    }

    [GeneratedRegex(@"^attribute\[([a-z_]{1,40})\](\[\])?$")]
    private static partial Regex AttributeField();
}
