namespace NgoFunctions.Core.Telegram.Conversation;

/// <summary>Where a private chat stands in the guided request. Stored as its name.</summary>
public enum ConversationStep
{
    /// <summary>No request being written.</summary>
    Idle,

    /// <summary>Choosing Arabic or English.</summary>
    Language,

    /// <summary>Choosing the sector.</summary>
    Sector,

    /// <summary>Choosing the governorate, or sharing a location.</summary>
    Governorate,

    /// <summary>Choosing the district, or skipping.</summary>
    District,

    /// <summary>Writing what is needed.</summary>
    Description,

    /// <summary>Sharing a phone number, typing one, or skipping.</summary>
    Phone,

    /// <summary>Agreeing to share the request with the NGO that takes it.</summary>
    Consent,

    /// <summary>Reading the summary: Confirm, Edit or Cancel.</summary>
    Summary,

    /// <summary>Choosing which open request to cancel.</summary>
    CancelRequest,

    /// <summary>Rating a resolved request (its buttons stay valid whatever the step).</summary>
    Rating,

    /// <summary>Writing an optional comment after a rating.</summary>
    Comment,

    /// <summary>Answering <c>/forget</c>: erase the chat's personal data, or keep it.</summary>
    Forget,

    /// <summary>Answering "did you get the help you needed?" for a resolved request (its buttons come with the
    /// Resolved update and stay valid whatever the step).</summary>
    Closure,
}
