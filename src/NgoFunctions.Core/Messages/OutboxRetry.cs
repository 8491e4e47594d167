namespace NgoFunctions.Core.Messages;

/// <summary>Queue <c>telegram-updates</c>: send what waits in a private chat's outbox (replies of the
/// bot not yet delivered), after a delay: the Bot API answered 429, or could not be reached. Ids only.</summary>
/// <param name="ChatId">The chat.</param>
/// <param name="FailingSince">When sending to the chat first failed in the current run of failures
/// (UTC), for the growing delay; <c>null</c> while nothing failed (a 429 is a wait, not a failure).</param>
public sealed record OutboxRetry(long ChatId, DateTimeOffset? FailingSince = null);
