using System.Globalization;
using System.Text;
using Mace.Simulation.Harness;

namespace Mace.Simulation.Reporting;

/// <summary>
/// Writes a result as CSV files (RFC 4180 quoting, invariant culture, LF line ends):
/// <c>summary.csv</c> (metric,value), <c>distributions.csv</c> (one row per distribution),
/// <c>nodes.csv</c> (one row per host) and <c>timeline.csv</c> (per-second counters).
/// </summary>
public static class ResultsCsv
{
    /// <summary>Writes the files into <paramref name="directory"/> (created if needed); returns their paths.</summary>
    public static IReadOnlyList<string> Write(SimulationResult result, string directory)
    {
        Directory.CreateDirectory(directory);
        var files = new List<string>
        {
            WriteFile(directory, "summary.csv", Summary(result)),
            WriteFile(directory, "distributions.csv", Distributions(result)),
            WriteFile(directory, "nodes.csv", Nodes(result)),
            WriteFile(directory, "timeline.csv", Timeline(result)),
        };
        return files;
    }

    /// <summary>The summary table as CSV text.</summary>
    public static string Summary(SimulationResult result)
    {
        var text = new StringBuilder("metric,value\n");
        foreach (var (name, value) in result.SummaryRows()) text.Append(Quote(name)).Append(',').Append(Quote(value)).Append('\n');
        return text.ToString();
    }

    private static string Distributions(SimulationResult result)
    {
        var text = new StringBuilder("name,unit,count,mean,median,p99,min,max\n");
        foreach (var d in result.Metrics.Distributions)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Quote(d.Name)},{Quote(d.Unit)},{d.Count},{d.Mean:0.###},{d.Median:0.###},{d.P99:0.###},{d.Min:0.###},{d.Max:0.###}\n");
        }
        return text.ToString();
    }

    private static string Nodes(SimulationResult result)
    {
        var text = new StringBuilder("node,incarnations,alive,bytes_sent,messages_sent,bytes_received,messages_received\n");
        foreach (var h in result.Hosts)
        {
            text.Append(CultureInfo.InvariantCulture, $"{h.Id},{h.Incarnations},{(h.Alive ? 1 : 0)},{h.BytesSent},{h.MessagesSent},{h.BytesReceived},{h.MessagesReceived}\n");
        }
        return text.ToString();
    }

    private static string Timeline(SimulationResult result)
    {
        var names = result.Metrics.SeriesNames;
        var text = new StringBuilder("second");
        foreach (var name in names) text.Append(',').Append(Quote(name));
        text.Append('\n');
        var seconds = (int)Math.Ceiling(result.SimulatedTime.TotalSeconds);
        for (var s = 0; s < seconds; s++)
        {
            text.Append(s.ToString(CultureInfo.InvariantCulture));
            foreach (var name in names)
            {
                var series = result.Metrics.PerSecond(name);
                text.Append(',').Append((s < series.Count ? series[s] : 0).ToString(CultureInfo.InvariantCulture));
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    private static string WriteFile(string directory, string name, string content)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
