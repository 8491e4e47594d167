namespace NgoFunctions.Core.Open311;

/// <summary>One error as GeoReport v2 answers it: <c>{"code": 400, "description": "..."}</c>.</summary>
/// <param name="Code">The HTTP status: 400 (bad input), 403 (no valid <c>api_key</c>), 404 (no such service
/// or request), 429 (an intake limit).</param>
/// <param name="Description">What is wrong, in the caller's language.</param>
public sealed record Open311Error(int Code, string Description);
