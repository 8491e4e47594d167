using System.Text.Json.Serialization;
using NgoFunctions.Core.Domain;

namespace NgoFunctions.Core.Intake;

/// <summary>What a citizen sends, from the form, the JSON API or the bot: every channel creates
/// requests through <see cref="ServiceRequestIntake"/> with this shape. Values are as typed; the
/// validator says what is wrong, field by field (camelCase names, as on the wire).</summary>
public sealed record SubmitServiceRequest
{
    /// <summary>Sector code, e.g. <c>health</c>.</summary>
    public string? Sector { get; init; }

    /// <summary>Governorate P-code, e.g. <c>SY01</c>.</summary>
    public string? Governorate { get; init; }

    /// <summary>District P-code in that governorate, e.g. <c>SY0100</c>; optional.</summary>
    public string? District { get; init; }

    /// <summary>Sub-district P-code in that district, e.g. <c>SY020001</c>; optional, and only with a district.</summary>
    public string? SubDistrict { get; init; }

    /// <summary>What is needed, free text (Unicode).</summary>
    public string? Description { get; init; }

    /// <summary><c>emergency</c>, <c>urgent</c> or <c>normal</c>; absent means <c>normal</c>.</summary>
    public string? Urgency { get; init; }

    /// <summary>Vulnerability codes (see <see cref="Domain.Vulnerabilities"/>).</summary>
    public IReadOnlyList<string> Vulnerabilities { get; init; } = [];

    /// <summary>The citizen's name; optional.</summary>
    public string? Name { get; init; }

    /// <summary>The citizen's phone number, local Syrian or international form; optional.</summary>
    public string? Phone { get; init; }

    /// <summary>Consent to share the request with the NGO that takes it; must be <c>true</c>.</summary>
    public bool? Consent { get; init; }

    /// <summary>The citizen marks the request sensitive (<see cref="SensitiveCases"/>): only NGOs that
    /// handle sensitive cases receive it, and its public status shows only status and dates. Absent means
    /// <c>false</c>; a <c>protection</c> request is sensitive either way.</summary>
    public bool? Sensitive { get; init; }

    /// <summary><c>ar</c> (default) or <c>en</c>: the language of replies and updates.</summary>
    public string? Language { get; init; }

    /// <summary>Where the request came from; set by the host, never read from a request body.</summary>
    [JsonIgnore]
    public RequestChannel Channel { get; init; } = RequestChannel.Form;

    /// <summary>Who submits, as the <c>Submitted</c> event's actor in the audit trail: <c>citizen</c>, or
    /// <c>partner:{id}</c> for an Open311 partner posting for a citizen. Set by the host only, never read
    /// from a request body.</summary>
    [JsonIgnore]
    public string Actor { get; init; } = "citizen";

    /// <summary>The client's address, for the per-address limit (<see cref="IntakeLimitOptions.PerAddress"/>);
    /// set by the HTTP host only, never read from a request body, never stored (only a keyed hash of it is).
    /// <c>null</c> (the bot, the demo seeder): not limited by address.</summary>
    [JsonIgnore]
    public System.Net.IPAddress? ClientAddress { get; init; }

    /// <summary>The citizen's address on <see cref="Channel"/> for status updates (the bot: its private chat,
    /// <see cref="Telegram.TelegramAddress"/>); set by the channel's intake only, never read from a request body.</summary>
    [JsonIgnore]
    public string? ChannelAddress { get; init; }

    /// <summary>The language to answer in when <see cref="Language"/> is absent or not a language we
    /// speak: set by the host from the caller (e.g. <c>Accept-Language</c>); Arabic by default.</summary>
    [JsonIgnore]
    public Domain.Language FallbackLanguage { get; init; } = Domain.Language.Ar;

    /// <summary>The language replies should use: the requested one when valid, else <see cref="FallbackLanguage"/>.</summary>
    [JsonIgnore]
    public Domain.Language ReplyLanguage => LanguageCodes.TryParse(Language, out var l) ? l : FallbackLanguage;
}
