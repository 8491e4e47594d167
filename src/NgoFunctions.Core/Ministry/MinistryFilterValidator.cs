using FluentValidation;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;

namespace NgoFunctions.Core.Ministry;

/// <summary>The rules a monitoring query's filters must meet; messages in the caller's language, fields
/// named as on the wire (<c>to</c>, <c>from</c>, <c>status</c>, <c>sector</c>, <c>governorate</c>,
/// <c>needsAttention</c>), at most one message a field. Empty values are not given, hence valid. The
/// continuation token is checked by <see cref="MinistryMonitoring"/>, against the query it belongs to.</summary>
public sealed class MinistryFilterValidator : AbstractValidator<MinistryFilterCheck>
{
    /// <summary>Builds the rules against the catalogues (through <paramref name="reader"/>) and the range limit.</summary>
    public MinistryFilterValidator(MinistryFilterReader reader, IOptions<MinistryOptions> options, Texts texts)
    {
        string T(MinistryFilterCheck c, string key, params object[] args) => texts.Get(key, c.Language, args);

        RuleFor(c => c.Filter.To)
            .Must(t => MinistryFilterReader.Day(t) is not null).When(c => !string.IsNullOrEmpty(c.Filter.To))
            .WithMessage(c => T(c, "ministry.validation.date"))
            .OverridePropertyName("to");

        RuleFor(c => c.Filter.From)
            .Must(f => MinistryFilterReader.Day(f) is not null).When(c => !string.IsNullOrEmpty(c.Filter.From))
            .WithMessage(c => T(c, "ministry.validation.date"))
            .OverridePropertyName("from");

        // Only once both days read: a malformed day has its own message, and its default proves nothing. The
        // message names the days as read, defaults included, so a range whose 'to' defaulted to today says so.
        RuleFor(c => reader.Days(c.Filter, c.Today))
            .Must(d => d.From <= d.To && Span(d) <= options.Value.MaxRangeDays)
            .When(c => IsEmptyOrDay(c.Filter.From) && IsEmptyOrDay(c.Filter.To))
            .WithMessage((c, d) => d.From > d.To
                ? T(c, "ministry.validation.order", Day(d.From), Day(d.To))
                : T(c, "ministry.validation.span", Span(d), options.Value.MaxRangeDays))
            .OverridePropertyName("from");

        RuleFor(c => c.Filter.Status)
            .Must(s => MinistryFilterReader.Status(s) is not null).When(c => !string.IsNullOrEmpty(c.Filter.Status))
            .WithMessage(c => T(c, "ministry.validation.status", string.Join(", ", Enum.GetNames<RequestStatus>())))
            .OverridePropertyName("status");

        RuleFor(c => c.Filter.Sector)
            .Must(s => reader.Sector(s) is not null).When(c => !string.IsNullOrEmpty(c.Filter.Sector))
            .WithMessage(c => T(c, "ministry.validation.sector"))
            .OverridePropertyName("sector");

        RuleFor(c => c.Filter.Governorate)
            .Must(g => reader.Governorate(g) is not null).When(c => !string.IsNullOrEmpty(c.Filter.Governorate))
            .WithMessage(c => T(c, "ministry.validation.governorate"))
            .OverridePropertyName("governorate");

        RuleFor(c => c.Filter.NeedsAttention)
            .Must(n => MinistryFilterReader.NeedsAttention(n) is not null).When(c => !string.IsNullOrEmpty(c.Filter.NeedsAttention))
            .WithMessage(c => T(c, "ministry.validation.needsAttention"))
            .OverridePropertyName("needsAttention");
    }

    private static int Span((DateOnly From, DateOnly To) days) => days.To.DayNumber - days.From.DayNumber + 1;

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static bool IsEmptyOrDay(string? text) => string.IsNullOrEmpty(text) || MinistryFilterReader.Day(text) is not null;
}
