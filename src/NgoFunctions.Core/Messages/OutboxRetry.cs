namespace NgoFunctions.Core.Messages;

/// <summary>Queue <c>telegram-updates</c>: send what waits in a private chat's outbox (replies of the
/// bot not yet delivered), after a delay: the Bot API answered 429, was unreachable, or another handler
/// held the outbox. Ids only.</summary>
/// <param name="ChatId">The chat.</param>
/// <param name="FailingSince">When sending to the chat first failed in the current run of failures
/// (UTC), for the growing delay; <c>null</c> when nothing failed (a wait for another handler, or 429).</param>
public sealed record OutboxRetry(long ChatId, DateTimeOffset? FailingSince = null);
