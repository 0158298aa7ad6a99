namespace WorkflowHub.Server.Features.Dev;

/// <summary>
/// The engine's clock when Engine:SimulationClock is on: the underlying clock plus an offset that an administrator
/// moves forward (POST /api/dev/clock/advance). Only <see cref="GetUtcNow"/> is simulated; timers created with
/// <see cref="TimeProvider.CreateTimer"/> keep real time, which is why advancing also runs the jobs that became due.
/// </summary>
public sealed class SimulationTimeProvider(TimeProvider inner) : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + Offset;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    /// <summary>
    /// The latest simulated time: a century short of the calendar's end, so that leases, due dates and timers
    /// computed from "now" still fit in a <see cref="DateTimeOffset"/>.
    /// </summary>
    public static readonly DateTimeOffset Latest = new(9900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Moves simulated time forward; returns the new now.</summary>
    public DateTimeOffset Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(by, TimeSpan.Zero);
        return TryAdvance(new WorkflowHub.Engine.Model.IsoDuration(1, 0, 0, by.TotalMilliseconds), out var now)
            ? now
            : throw new ArgumentOutOfRangeException(nameof(by), $"The clock cannot move past {Latest:u}.");
    }

    /// <summary>
    /// Moves simulated time forward by a duration (a calendar one: P1M is a month from the simulated now); false,
    /// with the clock unchanged, when that would pass <see cref="Latest"/>.
    /// </summary>
    public bool TryAdvance(WorkflowHub.Engine.Model.IsoDuration by, out DateTimeOffset now)
    {
        while (true)
        {
            var offset = Interlocked.Read(ref _offsetTicks);
            var from = inner.GetUtcNow() + TimeSpan.FromTicks(offset);
            if (!by.TryAddTo(from, out var target) || target > Latest || target <= from)
            {
                now = from;
                return false;
            }
            if (Interlocked.CompareExchange(ref _offsetTicks, offset + (target - from).Ticks, offset) == offset)
            {
                now = target;
                return true;
            }
        }
    }
}
