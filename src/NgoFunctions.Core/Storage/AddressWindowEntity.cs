using System.Globalization;

namespace NgoFunctions.Core.Storage;

/// <summary>A client address's recent submissions (IntakeGuards, PK <c>a-{address pseudonym}</c>, RK
/// <c>window</c>; see <see cref="Keys"/>): the times of those still inside the window, at most the limit.
/// Serves the per-address limit, a sliding window counted exactly across instances (one write per
/// submission, if-match the ETag, or an insert for an address not seen). Holds no address, only its
/// keyed hash in the key; rows not written for longer than the window are deleted by the retention sweep.</summary>
public sealed class AddressWindowEntity : EntityBase
{
    /// <summary>The submissions' times, UTC Unix milliseconds, ascending, space-separated.</summary>
    public string Times { get; set; } = string.Empty;

    /// <summary>The times in <see cref="Times"/>.</summary>
    public List<DateTimeOffset> Submissions() =>
        Times.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(t, CultureInfo.InvariantCulture)))
            .ToList();

    /// <summary>Writes <paramref name="times"/> to <see cref="Times"/>.</summary>
    public AddressWindowEntity With(IEnumerable<DateTimeOffset> times)
    {
        Times = string.Join(' ', times.Order().Select(t => t.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)));
        return this;
    }
}
