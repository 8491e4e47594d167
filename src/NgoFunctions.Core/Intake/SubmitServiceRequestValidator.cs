using FluentValidation;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.ReferenceData;

namespace NgoFunctions.Core.Intake;

/// <summary>The rules a service request must meet, with messages in the citizen's language.
/// Property names in errors are camelCase, exactly the wire field names.</summary>
public sealed class SubmitServiceRequestValidator : AbstractValidator<SubmitServiceRequest>
{
    /// <summary>Builds the rules against the reference data.</summary>
    public SubmitServiceRequestValidator(SectorCatalogue sectors, LocationCatalogue locations, PhoneNumberNormalizer phones, Texts texts)
    {
        string T(SubmitServiceRequest r, string key, params object[] args) => texts.Get(key, r.ReplyLanguage, args);

        RuleFor(r => r.Sector).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(r => T(r, "validation.required"))
            .Must(s => sectors.Find(s) is not null).WithMessage(r => T(r, "validation.sector.unknown"))
            .OverridePropertyName("sector");

        RuleFor(r => r.Governorate).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(r => T(r, "validation.required"))
            .Must(g => locations.Find(g)?.Level == AdminLevel.Governorate).WithMessage(r => T(r, "validation.governorate.unknown"))
            .OverridePropertyName("governorate");

        RuleFor(r => r.District)
            .Must((r, d) => locations.Find(d) is { Level: AdminLevel.District } area && area.ParentPCode == r.Governorate)
            .When(r => !string.IsNullOrEmpty(r.District))
            .WithMessage(r => T(r, "validation.district.unknown"))
            .OverridePropertyName("district");

        RuleFor(r => r.SubDistrict)
            .Must((r, s) => !string.IsNullOrEmpty(r.District) && locations.Find(s) is { Level: AdminLevel.SubDistrict } area && area.ParentPCode == r.District)
            .When(r => !string.IsNullOrEmpty(r.SubDistrict))
            .WithMessage(r => T(r, "validation.subDistrict.unknown"))
            .OverridePropertyName("subDistrict");

        RuleFor(r => r.Description).Cascade(CascadeMode.Stop)
            .Must(d => !string.IsNullOrWhiteSpace(d)).WithMessage(r => T(r, "validation.required"))
            .Must(d => !IntakeRules.HasHiddenControls(d)).WithMessage(r => T(r, "validation.text.hidden"))
            .Must(IntakeRules.IsDescriptionLengthValid)
            .WithMessage(r => T(r, "validation.description.length", IntakeLimits.DescriptionMin, IntakeLimits.DescriptionMax))
            .OverridePropertyName("description");

        RuleFor(r => r.Urgency)
            .Must(u => UrgencyLevels.TryParse(u, out _)).When(r => !string.IsNullOrEmpty(r.Urgency))
            .WithMessage(r => T(r, "validation.urgency.unknown"))
            .OverridePropertyName("urgency");

        RuleFor(r => r.Vulnerabilities)
            .Must(v => v.All(Vulnerabilities.IsKnown)).WithMessage(r => T(r, "validation.vulnerability.unknown"))
            .OverridePropertyName("vulnerabilities");

        RuleFor(r => r.Name).Cascade(CascadeMode.Stop)
            .Must(n => !IntakeRules.HasHiddenControls(n)).WithMessage(r => T(r, "validation.text.hidden"))
            .Must(n => IntakeRules.IsNameLengthValid(n!)).When(r => !string.IsNullOrWhiteSpace(r.Name))
            .WithMessage(r => T(r, "validation.name.length", IntakeLimits.NameMax))
            .OverridePropertyName("name");

        RuleFor(r => r.Phone)
            .Must(p => phones.TryNormalize(p, out _)).When(r => !string.IsNullOrWhiteSpace(r.Phone))
            .WithMessage(r => T(r, "validation.phone.invalid"))
            .OverridePropertyName("phone");

        RuleFor(r => r.Consent)
            .Equal(true).WithMessage(r => T(r, "validation.consent.required"))
            .OverridePropertyName("consent");

        RuleFor(r => r.Language)
            .Must(l => LanguageCodes.TryParse(l, out _)).When(r => !string.IsNullOrEmpty(r.Language))
            .WithMessage(r => T(r, "validation.language.unknown"))
            .OverridePropertyName("language");
    }
}
