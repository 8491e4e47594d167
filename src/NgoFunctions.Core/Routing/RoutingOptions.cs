using System.ComponentModel.DataAnnotations;

namespace NgoFunctions.Core.Routing;

/// <summary>Routing settings (configuration section <c>Routing</c>).</summary>
public sealed class RoutingOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Routing";

    /// <summary>How long the router keeps its in-memory copy of the NGO registry, in seconds.</summary>
    [Range(0, 3600)]
    public int DirectoryCacheSeconds { get; set; } = 30;

    /// <summary>How often a routing decision is taken again after losing a race for an NGO's last
    /// places (another router reserved them first) before the message is left to the queue's retry.</summary>
    [Range(1, 50)]
    public int ReservationAttempts { get; set; } = 8;

    /// <summary>How long the router trusts its in-memory copy of an NGO's load counter, in seconds
    /// (<see cref="NgoLoadCache"/>): within it a decision reads no counter it holds; after it the
    /// counter is read again. Reservations stay exact either way (if-match the counter's ETag); a
    /// longer time only lets the ranking by load lag changes made elsewhere. 0 turns the copy off.</summary>
    [Range(0, 300)]
    public int LoadCacheSeconds { get; set; } = 5;
}
