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
}
