namespace Mace.Simulation.Engine;

/// <summary>Virtual time: <see cref="TimeSpan"/> ticks (100 ns) since <see cref="Epoch"/>.</summary>
public static class SimTime
{
    /// <summary>The wall-clock reading of virtual time zero, fixed so runs are reproducible.</summary>
    public static readonly DateTime Epoch = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Ticks per second.</summary>
    public const long TicksPerSecond = TimeSpan.TicksPerSecond;

    /// <summary>Ticks per millisecond.</summary>
    public const long TicksPerMillisecond = TimeSpan.TicksPerMillisecond;

    /// <summary>Virtual ticks for <paramref name="seconds"/>.</summary>
    public static long FromSeconds(double seconds) => (long)Math.Round(seconds * TicksPerSecond);

    /// <summary>Virtual ticks for <paramref name="milliseconds"/>.</summary>
    public static long FromMilliseconds(double milliseconds) => (long)Math.Round(milliseconds * TicksPerMillisecond);

    /// <summary>The clock reading at virtual time <paramref name="ticks"/>.</summary>
    public static DateTime ToDateTime(long ticks) => Epoch.AddTicks(ticks);

    /// <summary>Ticks as milliseconds.</summary>
    public static double ToMilliseconds(long ticks) => ticks / (double)TicksPerMillisecond;

    /// <summary>Ticks as seconds.</summary>
    public static double ToSeconds(long ticks) => ticks / (double)TicksPerSecond;
}
