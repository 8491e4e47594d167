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
    public static Task HoldsAsync(Func<Task<bool>> condition, TimeSpan within, string what) =>
        ReadsAsync(condition, holds => holds, within, what);

    /// <summary>Reads with <paramref name="read"/> until what it read satisfies <paramref name="holds"/>, and
    /// returns that reading; throws <see cref="TimeoutException"/> naming <paramref name="what"/> and the last
    /// reading (as <paramref name="describe"/> puts it, else its <c>ToString</c>) after <paramref name="within"/>.</summary>
    public static async Task<T> ReadsAsync<T>(Func<Task<T>> read, Func<T, bool> holds, TimeSpan within, string what, Func<T, string>? describe = null)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var reading = await read();
            if (holds(reading))
            {
                return reading;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not within {within}: {what}." + (reading is bool ? string.Empty : $" Last read: {describe?.Invoke(reading) ?? reading?.ToString()}"));
            }

            await Task.Delay(Poll);
        }
    }
}
