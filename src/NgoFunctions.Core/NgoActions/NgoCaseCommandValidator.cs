using FluentValidation;
using NgoFunctions.Core.Localization;

namespace NgoFunctions.Core.NgoActions;

/// <summary>The rules an NGO action's body must meet; messages in the caller's language, fields named as on the wire.</summary>
public sealed class NgoCaseCommandValidator : AbstractValidator<NgoCaseCommand>
{
    /// <summary>Longest note, in characters.</summary>
    public const int NoteMax = 1000;

    /// <summary>Builds the rules.</summary>
    public NgoCaseCommandValidator(Texts texts)
    {
        RuleFor(c => c.Reason)
            .Must(DeclineReasons.IsKnown).When(c => c.Action == NgoCaseAction.Decline)
            .WithMessage(c => texts.Get("ngo.validation.reason", c.Language, string.Join(", ", DeclineReasons.Codes)))
            .OverridePropertyName("reason");
        RuleFor(c => c.Outcome)
            .Must(ResolutionOutcomes.IsKnown).When(c => c.Action == NgoCaseAction.Resolve)
            .WithMessage(c => texts.Get("ngo.validation.outcome", c.Language, string.Join(", ", ResolutionOutcomes.Codes)))
            .OverridePropertyName("outcome");
        RuleFor(c => c.Reason)
            .Must(ResolutionOutcomes.IsKnownReason).When(c => c.Action == NgoCaseAction.Resolve && c.Outcome == ResolutionOutcomes.NotSuccessful)
            .WithMessage(c => texts.Get("ngo.validation.outcomeReason", c.Language, string.Join(", ", ResolutionOutcomes.Reasons)))
            .OverridePropertyName("reason");
        RuleFor(c => c.Reason)
            .Null().When(c => c.Action == NgoCaseAction.Resolve && c.Outcome == ResolutionOutcomes.Successful)
            .WithMessage(c => texts.Get("ngo.validation.reasonSuccessful", c.Language))
            .OverridePropertyName("reason");
        RuleFor(c => c.Note)
            // Only where "other" is a reason at all: a successful outcome's stray "other" is refused above, once.
            .NotEmpty().When(c => c.Action == NgoCaseAction.Resolve && c.Outcome == ResolutionOutcomes.NotSuccessful && c.Reason == ResolutionOutcomes.OtherReason)
            .WithMessage(c => texts.Get("ngo.validation.noteOther", c.Language))
            .OverridePropertyName("note");
        RuleFor(c => c.Note)
            .Must(n => n is null || n.Length <= NoteMax)
            .WithMessage(c => texts.Get("ngo.validation.note", c.Language, NoteMax))
            .OverridePropertyName("note");
    }
}
