using System.ComponentModel.DataAnnotations;

namespace NgoFunctions.Core.NgoActions;

/// <summary>Settings of the NGO API (configuration section <c>NgoApi</c>).</summary>
public sealed class NgoApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "NgoApi";

    /// <summary>Cases per page of <c>GET /api/ngo/requests</c> at most (storage may return fewer, with a
    /// continuation token).</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 50;
}
