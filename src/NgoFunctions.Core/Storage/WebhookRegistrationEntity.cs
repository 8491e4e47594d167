namespace NgoFunctions.Core.Storage;

/// <summary>An NGO's webhook (NgoWebhooks, PK = NGO id, RK <see cref="Keys.WebhookRegistrationRow"/>):
/// one point read tells whether and where the NGO is told of its cases. Holds no secret: the signing
/// secret is derived from <see cref="RegistrationId"/> (<see cref="Webhooks.WebhookSecrets"/>).</summary>
public sealed class WebhookRegistrationEntity : EntityBase
{
    /// <summary>The endpoint events are POSTed to (absolute; https outside Development).</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>Random, new with every registration; the signing secret is derived from it.</summary>
    public string RegistrationId { get; set; } = string.Empty;

    /// <summary>When it was registered (UTC). Events that happened before are not sent.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
