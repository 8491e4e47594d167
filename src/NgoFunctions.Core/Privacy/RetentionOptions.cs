using System.ComponentModel.DataAnnotations;

namespace NgoFunctions.Core.Privacy;

/// <summary>How long personal data is kept (section <c>Retention</c>; see docs/privacy.md). The sweep's
/// schedule is an app setting the host reads before the app starts.</summary>
public sealed class RetentionOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Retention";

    /// <summary>Days a request's personal data (name, phone, description, Telegram chat, feedback
    /// comment, NGO notes) is kept after the request reached a final status (Resolved, Closed,
    /// Cancelled; Waitlisted and Unroutable requests still wait and are not final). Default 90.</summary>
    [Range(1, 3650)]
    public int PersonalDataDays { get; set; } = 90;

    /// <summary>Days a bot draft (a request being written in a chat, never confirmed) is kept after the
    /// chat's last message before it is deleted. Default 7.</summary>
    [Range(1, 365)]
    public int DraftDays { get; set; } = 7;

    /// <summary>NCRONTAB schedule (six fields, with seconds) of the retention sweep; read by the timer
    /// trigger as <c>%Retention:Schedule%</c>; daily at 02:00 UTC by default.</summary>
    [Required]
    [RegularExpression(@"^\S+( \S+){5}$", ErrorMessage = "Retention:Schedule must be an NCRONTAB expression with six fields.")]
    public string Schedule { get; set; } = "0 0 2 * * *";

    /// <summary><see cref="PersonalDataDays"/> as a span.</summary>
    public TimeSpan PersonalData => TimeSpan.FromDays(PersonalDataDays);

    /// <summary><see cref="DraftDays"/> as a span.</summary>
    public TimeSpan Drafts => TimeSpan.FromDays(DraftDays);
}
