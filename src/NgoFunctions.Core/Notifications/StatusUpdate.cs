using NgoFunctions.Core.Domain;

namespace NgoFunctions.Core.Notifications;

/// <summary>A status change to tell a citizen, composed for them, for an <see cref="INotificationChannel"/>.</summary>
/// <param name="Address">The citizen's address on the channel, as stored on the request (a Telegram chat id).</param>
/// <param name="TrackingCode">The request's canonical tracking code (ten characters, no hyphen).</param>
/// <param name="Status">The <see cref="RequestStatus"/> name it changed to.</param>
/// <param name="Language">The citizen's language.</param>
/// <param name="Text">The update in that language, naming the request and, when routed, its NGO.</param>
public sealed record StatusUpdate(string Address, string TrackingCode, string Status, Language Language, string Text);
