namespace NgoFunctions.Core.Domain;

/// <summary>How a service request reached us.</summary>
public enum RequestChannel
{
    /// <summary>The HTML form or the JSON API behind it.</summary>
    Form,

    /// <summary>The citizens' Telegram bot.</summary>
    Telegram,
}
