namespace NgoFunctions.Tests.Infrastructure;

/// <summary>Waits for a condition instead of sleeping: polls it until it holds, and fails the test,
/// saying what was awaited, when it does not within the time given.</summary>
public static class Eventually
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>Polls <paramref name="condition"/> until it is true; throws
    /// <see cref="TimeoutException"/> naming <paramref name="what"/> after <paramref name="within"/>.</summary>
    public static Task HoldsAsync(Func<bool> condition, TimeSpan within, string what) =>
        HoldsAsync(() => Task.FromResult(condition()), within, what);

    /// <summary>As <see cref="HoldsAsync(Func{bool}, TimeSpan, string)"/> for a condition that reads storage or HTTP.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not within {within}: {what}.");
            }

            await Task.Delay(Poll);
        }
    }
}
