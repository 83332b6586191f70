using System.Globalization;

namespace Mace.Runtime.Tests.Transports.Bounds;

/// <summary>A process's open file descriptors and resident memory, read from /proc.</summary>
internal readonly record struct ProcessGauge(int FileDescriptors, long RssKiB)
{
    public static ProcessGauge Of(int pid)
    {
        var fds = Directory.GetFiles($"/proc/{pid}/fd").Length;
        var rss = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kib = long.Parse(rss["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return new ProcessGauge(fds, kib);
    }

    public override string ToString() => $"{FileDescriptors} fds, {RssKiB / 1024.0:F1} MiB RSS";
}
