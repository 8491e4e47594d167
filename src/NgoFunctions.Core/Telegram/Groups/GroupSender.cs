using NgoFunctions.Core.Domain;

namespace NgoFunctions.Core.Telegram.Groups;

/// <summary>The member of a group who sent a command or pressed a button.</summary>
/// <param name="UserId">Their Telegram user id.</param>
/// <param name="LanguageCode">Their client's IETF language tag (e.g. <c>ar</c>, <c>en-GB</c>), if Telegram gave one.</param>
public sealed record GroupSender(long UserId, string? LanguageCode)
{
    /// <summary>The language to answer them in: English for an English client, else Arabic.</summary>
    public Language Language => LanguageCodes.TryParse(LanguageCode?.Split('-')[0], out var language) ? language : Language.Ar;
}
