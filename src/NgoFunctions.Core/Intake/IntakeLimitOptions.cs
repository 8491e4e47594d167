using System.ComponentModel.DataAnnotations;

namespace NgoFunctions.Core.Intake;

/// <summary>Limits on new requests that hold across instances (section <c>IntakeLimits</c>; environment
/// <c>IntakeLimits__PerAddress</c> ...). Counted in Table Storage (<see cref="AddressWindow"/>,
/// <see cref="PhoneLookup"/>), so every instance sees the same counts.</summary>
public sealed class IntakeLimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "IntakeLimits";

    /// <summary>Most valid submissions one client address may make in any
    /// <see cref="WindowSeconds"/> (a sliding window). Every valid submission counts, whether it makes a new
    /// request, finds the one already made (a duplicate) or is refused for its phone: what is limited is
    /// what one address may try. The web form and the JSON API only; the bot has its per-chat limits.
    /// Default 5.</summary>
    [Range(1, 1_000_000)]
    public int PerAddress { get; set; } = 5;

    /// <summary>The length of the per-address window, in seconds. Default 600.</summary>
    [Range(1, 86_400)]
    public int WindowSeconds { get; set; } = 600;

    /// <summary>Most open requests (not Resolved, Closed or Cancelled; Waitlisted and Unroutable ones count) one phone number may
    /// have, whatever the channel; at most one of them per sector (a second is the first again). Default 3.</summary>
    [Range(1, 100)]
    public int OpenPerPhone { get; set; } = 3;

    /// <summary>The header whose first address is the client's, when the hosts sit behind a proxy that sets
    /// it (e.g. <c>X-Edge-Client-IP</c>, which the Front Door rule set in <c>infra/</c> overwrites with the socket
    /// address; not <c>X-Azure-ClientIP</c>, taken from a client-sent <c>X-Forwarded-For</c>). Empty (the default):
    /// the connection's remote address, and no header is trusted. Name a header the proxy sets itself, not one it
    /// appends to: the first entry of an appended list is whatever the client sent.</summary>
    [RegularExpression("^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$", ErrorMessage = "IntakeLimits:ForwardedForHeader must be an HTTP header name.")]
    public string? ForwardedForHeader { get; set; }

    /// <summary><see cref="WindowSeconds"/> as a span.</summary>
    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);
}
