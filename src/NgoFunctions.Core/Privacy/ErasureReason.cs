namespace NgoFunctions.Core.Privacy;

/// <summary>Why a request's personal data was erased; recorded (as its camelCase name) in the
/// <c>Erased</c> event's detail, never with any of the data.</summary>
public enum ErasureReason
{
    /// <summary>The retention period after the request's final status passed.</summary>
    Retention,

    /// <summary>The citizen asked: <c>/forget</c> in the bot, or the web erasure with the tracking code.</summary>
    Citizen,
}

/// <summary>What <see cref="PersonalDataEraser.EraseRequestAsync"/> did.</summary>
public enum ErasureOutcome
{
    /// <summary>The personal data was erased now.</summary>
    Erased,

    /// <summary>It had been erased before; nothing changed.</summary>
    AlreadyErased,

    /// <summary>No request has this tracking code.</summary>
    NotFound,
}
