namespace NgoFunctions.Core.NgoActions;

/// <summary>The outcome of listing an NGO's cases.</summary>
public abstract record NgoCaseListResult
{
    private NgoCaseListResult()
    {
    }

    /// <summary>One page.</summary>
    /// <param name="Page">The page.</param>
    public sealed record Listed(NgoCasePage Page) : NgoCaseListResult;

    /// <summary>A query parameter is not acceptable: parameter → messages.</summary>
    /// <param name="Errors">The field errors.</param>
    public sealed record Rejected(IReadOnlyDictionary<string, string[]> Errors) : NgoCaseListResult;
}
