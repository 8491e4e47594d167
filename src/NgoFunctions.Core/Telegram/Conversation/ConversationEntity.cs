using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Telegram.Conversation;

/// <summary>A private chat's conversation (Conversations, PK = chat id, RK <c>state</c>): the draft
/// request, the step, the last handled update ids and the replies not yet sent. Read and written
/// with its ETag once per update, so a re-delivered or concurrent update cannot apply twice.
/// The draft holds what the citizen typed (personal data) until the request is created.</summary>
public sealed class ConversationEntity : EntityBase
{
    /// <summary><c>ar</c> or <c>en</c>.</summary>
    public string Language { get; set; } = "ar";

    /// <summary><see cref="ConversationStep"/> name.</summary>
    public string Step { get; set; } = nameof(ConversationStep.Idle);

    /// <summary>The step to return to after <c>/language</c> interrupted the draft.</summary>
    public string? ResumeStep { get; set; }

    /// <summary>Draft: sector code.</summary>
    public string? Sector { get; set; }

    /// <summary>Draft: governorate P-code.</summary>
    public string? Governorate { get; set; }

    /// <summary>Draft: district P-code.</summary>
    public string? District { get; set; }

    /// <summary>Draft: description as typed.</summary>
    public string? Description { get; set; }

    /// <summary>Draft: phone number, E.164.</summary>
    public string? Phone { get; set; }

    /// <summary>Draft: consent given.</summary>
    public bool? Consent { get; set; }

    /// <summary>Draft: the citizen marked the request sensitive with the summary's button
    /// (<see cref="Domain.SensitiveCases"/>); <c>null</c> or <c>false</c> until then.</summary>
    public bool? Sensitive { get; set; }

    /// <summary>The tracking code the draft will be created under (canonical form), drawn when its summary
    /// is first shown and carried by its Confirm button: the intake's idempotency key, so a repeated
    /// Confirm, even at the same moment, creates the request once.</summary>
    public string? PendingTrackingCode { get; set; }

    /// <summary>The request whose rating may get a comment (step <see cref="ConversationStep.Comment"/>).</summary>
    public string? FeedbackFor { get; set; }

    /// <summary>The most recent handled update ids, comma-separated (no assumption that ids grow:
    /// Telegram restarts them after a quiet week).</summary>
    public string HandledUpdates { get; set; } = string.Empty;

    /// <summary>The bot's replies to this chat not yet delivered, oldest first (JSON list of
    /// <see cref="BotReply"/>), from one update or several: a reply that could not be sent stays here,
    /// ahead of any later one, until it is sent or the chat is unreachable.</summary>
    public string? Outbox { get; set; }

    /// <summary>Until when (UTC) one handler has claimed the outbox to send it: others leave it alone
    /// meanwhile (and look again when the claim ends, in case that handler died).</summary>
    public DateTimeOffset? OutboxClaimedUntil { get; set; }

    /// <summary>Set when the citizen blocked the bot: nothing more is sent until they write again.</summary>
    public bool Unreachable { get; set; }

    /// <summary>When the state was last written (UTC, the app's clock): how long a draft has been left
    /// (<see cref="ConversationStore.DeleteAbandonedDraftsAsync"/>). Absent in rows written before it
    /// existed, which go by the row's Timestamp.</summary>
    public DateTimeOffset? SavedAt { get; set; }
}
