using Microsoft.AspNetCore.Http;
using NgoFunctions.Core.Ministry;

namespace NgoFunctions.App.Ministry;

/// <summary>The monitoring filters as the ministry's endpoints read them from the query string
/// (<c>status, sector, governorate, needsAttention, from, to, continuationToken</c>; all optional and
/// passed on unparsed: <see cref="MinistryMonitoring"/> checks them and names the bad ones).</summary>
public static class MinistryQuery
{
    /// <summary>The filters of <paramref name="request"/>.</summary>
    public static MinistryFilter FilterOf(HttpRequest request)
    {
        string? Query(string name) => request.Query[name] is { Count: > 0 } values ? values.ToString() : null;
        return new MinistryFilter(
            Query("status"), Query("sector"), Query("governorate"), Query("needsAttention"), Query("from"), Query("to"), Query("continuationToken"));
    }
}
