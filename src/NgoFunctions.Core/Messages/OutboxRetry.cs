namespace NgoFunctions.Core.Messages;

/// <summary>Queue <c>telegram-updates</c>, sent with a delay after the Bot API answered 429: send what
/// is left in the chat's outbox for this update. Ids only.</summary>
/// <param name="ChatId">The private chat.</param>
/// <param name="UpdateId">The update whose replies wait.</param>
public sealed record OutboxRetry(long ChatId, long UpdateId);
