using System.Globalization;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Intake;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Outcomes;
using NgoFunctions.Core.ReferenceData;

namespace NgoFunctions.Core.Open311;

/// <summary>Creates a service request from a GeoReport v2 post, through the same intake and validation as
/// the form (<see cref="ServiceRequestIntake"/>), on the <see cref="RequestChannel.Open311"/> channel, the
/// partner recorded as the <c>Submitted</c> event's actor (<c>partner:{id}</c>). The
/// place comes from <c>address_id</c> (a P-code: its governorate and district are filled in), else from
/// <c>lat</c>/<c>long</c> through the locator the bot uses for a shared location (<see cref="LocationLocator"/>;
/// the coordinates themselves are not kept), else from <c>attribute[governorate]</c>/<c>attribute[district]</c>.
/// A partner posts for many citizens from one server, so the per-address limit does not apply (the phone
/// limits do; the partner's key is revocable).</summary>
public sealed class Open311Intake(
    ServiceRequestIntake intake, LocationLocator locator, LocationCatalogue locations, Texts texts)
{
    /// <summary>The intake's answer (<see cref="ServiceRequestIntake.SubmitAsync(SubmitServiceRequest, CancellationToken)"/>),
    /// its field errors keyed by the Open311 field names (<see cref="Open311Field"/>); a place that cannot
    /// be read is <see cref="Outcome{T}.Rejected"/> under <c>lat</c> or <c>address_id</c>, with every other
    /// field's error beside it (a client fixes them all at once), nothing stored.
    /// Throws <see cref="Azure.RequestFailedException"/> when storage fails.</summary>
    public async Task<Outcome<IntakeReceipt>> SubmitAsync(Open311Submission post, CancellationToken cancellationToken)
    {
        var place = Place(post);
        var submission = Submission(post, place);
        if (place is null || string.IsNullOrWhiteSpace(place.Value.Governorate))
        {
            return await PlaceRejectedAsync(post, submission, place is null, cancellationToken);
        }

        return await intake.SubmitAsync(submission, cancellationToken) switch
        {
            Outcome<IntakeReceipt>.Rejected rejected => new Outcome<IntakeReceipt>.Rejected(
                rejected.Errors.ToDictionary(e => Open311Field(e.Key), e => e.Value, StringComparer.Ordinal)),
            var outcome => outcome,
        };
    }

    // The place's error, and the other fields' as the intake's validator words them (its place errors
    // left out: the place's own says it better). Nothing is stored.
    private async Task<Outcome<IntakeReceipt>> PlaceRejectedAsync(
        Open311Submission post, SubmitServiceRequest submission, bool unreadable, CancellationToken cancellationToken)
    {
        var (field, key) = !unreadable ? ("lat", "open311.error.location")
            : post.AddressId is { Length: > 0 } ? ("address_id", "open311.error.addressId")
            : ("lat", "open311.error.latLong");
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [texts.Get(key, post.Language)] };
        foreach (var (intakeField, messages) in await intake.ValidateAsync(submission, cancellationToken))
        {
            if (intakeField is not ("governorate" or "district" or "subDistrict"))
            {
                errors.TryAdd(Open311Field(intakeField), messages);
            }
        }

        return new Outcome<IntakeReceipt>.Rejected(errors);
    }

    private static SubmitServiceRequest Submission(Open311Submission post, (string? Governorate, string? District, string? SubDistrict)? place) =>
        new()
        {
            Sector = post.ServiceCode,
            Governorate = place?.Governorate,
            District = place?.District,
            SubDistrict = place?.SubDistrict,
            Description = post.Description,
            Urgency = One(post, Open311Attributes.Urgency),
            Vulnerabilities = post.Attributes.GetValueOrDefault(Open311Attributes.Vulnerabilities) ?? [],
            Name = string.Join(' ', new[] { post.FirstName, post.LastName }.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim())) is { Length: > 0 } name ? name : null,
            Phone = post.Phone,
            Consent = One(post, Open311Attributes.Consent) is "true",
            // Erring on the protective side, as the form: anything but an explicit no (or nothing) marks it sensitive.
            Sensitive = One(post, Open311Attributes.Sensitive) is { Length: > 0 } sensitive && sensitive is not ("false" or "0"),
            Language = post.Language.ToCode(),
            Channel = RequestChannel.Open311,
            Actor = post.PartnerId is { } partner ? $"partner:{partner}" : "citizen",
            FallbackLanguage = post.Language,
        };

    /// <summary>The Open311 name of an intake field (<c>sector</c> → <c>service_code</c>, <c>consent</c> →
    /// <c>attribute[consent]</c>, ...).</summary>
    public static string Open311Field(string intakeField) => intakeField switch
    {
        "sector" => "service_code",
        "name" => "first_name",
        "subDistrict" => "address_id",
        "description" or "phone" => intakeField,
        _ => $"attribute[{intakeField}]",
    };

    // Null when the place given cannot be read; a place with no governorate is answered as no place at all.
    private (string? Governorate, string? District, string? SubDistrict)? Place(Open311Submission post)
    {
        if (post.AddressId is { Length: > 0 } addressId)
        {
            return locations.Find(addressId.Trim().ToUpperInvariant()) switch
            {
                { Level: AdminLevel.Governorate } g => (g.PCode, null, null),
                { Level: AdminLevel.District } d => (d.ParentPCode, d.PCode, null),
                { Level: AdminLevel.SubDistrict } s => (locations.Find(s.ParentPCode)!.ParentPCode, s.ParentPCode, s.PCode),
                _ => null,
            };
        }

        if (post.Lat is { Length: > 0 } || post.Long is { Length: > 0 })
        {
            return Degrees(post.Lat, 90) is { } lat && Degrees(post.Long, 180) is { } lon && locator.Locate(lat, lon) is { } found
                ? (found.Governorate.PCode, found.District.PCode, null)
                : null;
        }

        return (One(post, Open311Attributes.Governorate), One(post, Open311Attributes.District), null);
    }

    private static double? Degrees(string? text, double limit) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && Math.Abs(value) <= limit ? value : null;

    private static string? One(Open311Submission post, string code) =>
        post.Attributes.GetValueOrDefault(code) is [var first, ..] ? first.Trim() : null;
}
