using Microsoft.Extensions.Internal;

namespace NgoFunctions.Core.Caching;

/// <summary>The injected <see cref="TimeProvider"/> as a <c>MemoryCache</c> clock, so an in-process
/// cache's expiry follows the same clock as the rest of the application (tests move a fake one).</summary>
internal sealed class TimeProviderCacheClock(TimeProvider clock) : ISystemClock
{
    /// <summary>Now, in UTC, from the injected clock.</summary>
    public DateTimeOffset UtcNow => clock.GetUtcNow();
}
