using System.Globalization;
using Mace.Simulation.Engine;

namespace Mace.Simulation.Network;

/// <summary>
/// A measured all-pairs latency matrix in the King format (the Gummadi et al. / p2psim data):
/// N lines of N whitespace-separated round-trip times in microseconds, row i column j being the
/// RTT from host i to host j; a negative value means "not measured". Blank lines and lines that
/// start with <c>#</c> are ignored. A missing entry takes its mirror (j,i) if measured, else the
/// median of all measured entries. One-way delay is RTT / 2. Host k sits at row k mod N.
/// </summary>
public sealed class KingLatencyMatrix : ILatencyModel
{
    private readonly long[] _oneWayTicks;

    private KingLatencyMatrix(int size, long[] oneWayTicks, string source)
    {
        Size = size;
        _oneWayTicks = oneWayTicks;
        Source = source;
    }

    /// <summary>The number of hosts in the matrix.</summary>
    public int Size { get; }

    /// <summary>Where the matrix came from.</summary>
    public string Source { get; }

    /// <inheritdoc/>
    public string Description => $"king matrix {Source} ({Size} hosts)";

    /// <summary>Loads a matrix file; throws <see cref="FormatException"/> naming the line on bad input.</summary>
    public static KingLatencyMatrix Load(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(reader, Path.GetFileName(path));
    }

    /// <summary>Parses a matrix from <paramref name="reader"/>.</summary>
    public static KingLatencyMatrix Parse(TextReader reader, string source = "matrix")
    {
        var rows = new List<double[]>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var text = line.Trim();
            if (text.Length == 0 || text[0] == '#') continue;
            var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var row = new double[fields.Length];
            for (var i = 0; i < fields.Length; i++)
            {
                if (!double.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out row[i]))
                    throw new FormatException($"{source}:{lineNumber}: '{fields[i]}' is not a number");
            }
            if (rows.Count > 0 && row.Length != rows[0].Length)
                throw new FormatException($"{source}:{lineNumber}: expected {rows[0].Length} values, found {row.Length}");
            rows.Add(row);
        }
        if (rows.Count == 0) throw new FormatException($"{source}: the matrix is empty");
        var n = rows.Count;
        if (rows[0].Length != n) throw new FormatException($"{source}: expected a square matrix, found {n} rows of {rows[0].Length} values");
        return new KingLatencyMatrix(n, Fill(rows, n), source);
    }

    private static long[] Fill(List<double[]> rows, int n)
    {
        var measured = new List<double>();
        foreach (var row in rows)
        {
            foreach (var value in row) if (value >= 0) measured.Add(value);
        }
        measured.Sort();
        var median = measured.Count == 0 ? 0 : measured[measured.Count / 2];
        var result = new long[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (i == j) continue;
                var rtt = rows[i][j] >= 0 ? rows[i][j] : rows[j][i] >= 0 ? rows[j][i] : median;
                result[(i * n) + j] = (long)Math.Round(rtt * 10 / 2);
            }
        }
        return result;
    }

    /// <inheritdoc/>
    public int Place(int hostId, SimRandom random) => hostId % Size;

    /// <inheritdoc/>
    public long OneWayTicks(int fromLocation, int toLocation) => _oneWayTicks[(fromLocation * Size) + toLocation];
}
