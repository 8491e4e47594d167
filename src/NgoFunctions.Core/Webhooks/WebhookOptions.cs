using System.ComponentModel.DataAnnotations;

namespace NgoFunctions.Core.Webhooks;

/// <summary>NGO webhooks (section <c>Webhooks</c>): where an NGO's own system is told of its cases
/// (<see cref="NgoWebhooks"/>, <c>WebhookDelivery</c>).</summary>
public sealed class WebhookOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Webhooks";

    /// <summary>The deployment's secret from which every NGO's signing secret is derived
    /// (<see cref="WebhookSecrets"/>); at least 32 characters, e.g. <c>openssl rand -base64 48</c>. Empty:
    /// NGOs cannot register webhooks here (outside Development; a fixed development key stands in there).
    /// Changing it changes every NGO's signing secret: each NGO then registers again to learn its new one.</summary>
    // A pattern, not [MinLength]: empty (the settings file's value) must pass, and MinLength refuses it.
    [RegularExpression(@"^(.{32,})?$", ErrorMessage = "Webhooks:SigningKey is empty or at least 32 characters.")]
    public string? SigningKey { get; set; }

    /// <summary>How long, in hours, an event keeps being tried against a failing endpoint before it is
    /// parked (listed by <c>GET /api/ngo/webhook/deliveries</c>) and the case's later events go on.</summary>
    [Range(1, 24 * 7)]
    public int ParkAfterHours { get; set; } = 24;

    /// <summary>How long one POST to an NGO's endpoint may take, in seconds, before it counts as failed.</summary>
    [Range(1, 60)]
    public int TimeoutSeconds { get; set; } = 10;
}
