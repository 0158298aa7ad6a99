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

    /// <summary>Moves simulated time forward; returns the new now.</summary>
    public DateTimeOffset Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
        return GetUtcNow();
    }
}
