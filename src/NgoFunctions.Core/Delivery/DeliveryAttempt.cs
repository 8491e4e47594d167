namespace NgoFunctions.Core.Delivery;

/// <summary>What one try to deliver a queued message came to.</summary>
/// <param name="State">Done, to be tried again after <paramref name="Delay"/>, or failed for a passing reason.</param>
/// <param name="Delay">With <see cref="DeliveryState.Wait"/>: how long to wait (the Bot API's
/// <c>retry_after</c>, or an earlier message still on its way).</param>
public readonly record struct DeliveryAttempt(DeliveryState State, TimeSpan? Delay = null)
{
    /// <summary>Delivered, or nothing (more) to deliver; recorded where it needs to be.</summary>
    public static DeliveryAttempt Done => new(DeliveryState.Done);

    /// <summary>The Bot API could not be reached: try again with the growing delay.</summary>
    public static DeliveryAttempt Unavailable => new(DeliveryState.Unavailable);

    /// <summary>Not a failure: try again after <paramref name="delay"/>.</summary>
    public static DeliveryAttempt WaitFor(TimeSpan delay) => new(DeliveryState.Wait, delay);
}

/// <summary>See <see cref="DeliveryAttempt"/>.</summary>
public enum DeliveryState
{
    /// <summary>Nothing left to do.</summary>
    Done,

    /// <summary>Try again after the attempt's delay.</summary>
    Wait,

    /// <summary>A dependency failed for a reason that may pass.</summary>
    Unavailable,
}
