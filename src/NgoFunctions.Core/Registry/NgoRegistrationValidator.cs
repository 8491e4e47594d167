using FluentValidation;
using NgoFunctions.Core.Intake;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.ReferenceData;

namespace NgoFunctions.Core.Registry;

/// <summary>The rules an NGO record must meet; messages in the caller's language, fields named as on the wire.</summary>
public sealed class NgoRegistrationValidator : AbstractValidator<NgoRegistration>
{
    /// <summary>Longest NGO name, in characters.</summary>
    public const int NameMax = 200;

    /// <summary>Largest capacity accepted.</summary>
    public const int CapacityMax = 100_000;

    // The offending entries, so a list of 50 P-codes with one typo says which (at most ten shown).
    // A JSON null in the list ("coverage":[null]) is an unknown code like any other, named "null".
    private static string Unknown(IReadOnlyList<string?>? values, Func<string?, bool> isKnown) =>
        string.Join(", ", (values ?? []).Where(v => !isKnown(v)).Select(v => v ?? "null").Take(10));

    /// <summary>Builds the rules against the reference data.</summary>
    public NgoRegistrationValidator(SectorCatalogue sectors, LocationCatalogue locations, Texts texts)
    {
        string T(NgoRegistration r, string key, params object[] args) => texts.Get(key, r.Language, args);
        bool KnownSector(string? code) => sectors.Find(code) is not null;
        bool KnownCoverage(string? pCode) => pCode is not null && locations.IsKnownCoverage(pCode);

        RuleFor(r => r.Id)
            .Matches("^[a-z0-9](?:[a-z0-9-]{1,38})[a-z0-9]$").WithMessage(r => T(r, "validation.ngo.id"))
            .OverridePropertyName("id");
        RuleFor(r => r.Name!.Ar).Cascade(CascadeMode.Stop)
            .Must(n => !string.IsNullOrWhiteSpace(n) && n.Trim().Length <= NameMax).WithMessage(r => T(r, "validation.ngo.name", NameMax))
            .Must(n => !IntakeRules.HasHiddenControls(n)).WithMessage(r => T(r, "validation.text.hidden"))
            .OverridePropertyName("name.ar");
        RuleFor(r => r.Name!.En).Cascade(CascadeMode.Stop)
            .Must(n => !string.IsNullOrWhiteSpace(n) && n.Trim().Length <= NameMax).WithMessage(r => T(r, "validation.ngo.name", NameMax))
            .Must(n => !IntakeRules.HasHiddenControls(n)).WithMessage(r => T(r, "validation.text.hidden"))
            .OverridePropertyName("name.en");
        // None given and some unknown are told apart: "Unknown: " with nothing after it helps no one.
        RuleFor(r => r.Sectors)
            .Cascade(CascadeMode.Stop)
            .Must(s => s is { Count: > 0 }).WithMessage(r => T(r, "validation.ngo.sectors.required"))
            .Must(s => s!.All(KnownSector))
            .WithMessage(r => T(r, "validation.ngo.sectors", Unknown(r.Sectors, KnownSector)))
            .OverridePropertyName("sectors");
        RuleFor(r => r.Coverage)
            .Cascade(CascadeMode.Stop)
            .Must(c => c is { Count: > 0 }).WithMessage(r => T(r, "validation.ngo.coverage.required"))
            .Must(c => c!.All(KnownCoverage))
            .WithMessage(r => T(r, "validation.ngo.coverage", Unknown(r.Coverage, KnownCoverage)))
            .OverridePropertyName("coverage");
        RuleFor(r => r.Capacity)
            .Must(c => c is >= 0 and <= CapacityMax).WithMessage(r => T(r, "validation.ngo.capacity", CapacityMax))
            .OverridePropertyName("capacity");
    }
}
