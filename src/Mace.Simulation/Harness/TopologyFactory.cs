using System.Globalization;
using Mace.Simulation.Engine;
using Mace.Simulation.Network;

namespace Mace.Simulation.Harness;

/// <summary>Builds the latency model a topology spec names.</summary>
public static class TopologyFactory
{
    /// <summary>The accepted forms, for help and error text.</summary>
    public const string Forms = "transit-stub | king:FILE | constant:MS";

    /// <summary>Builds the model for <paramref name="spec"/>; throws <see cref="ArgumentException"/> or <see cref="FormatException"/> on bad input.</summary>
    public static ILatencyModel Create(string spec, TransitStubOptions transitStub, ulong seed)
    {
        if (spec == "transit-stub") return new TransitStubTopology(transitStub, new SimRandom(SimRandom.Derive(seed, 4)));
        if (spec.StartsWith("king:", StringComparison.Ordinal))
        {
            var path = spec[5..];
            if (path.Length == 0) throw new ArgumentException("king: needs a file, as in king:matrix.txt");
            if (!File.Exists(path)) throw new ArgumentException($"king matrix '{path}' does not exist");
            return KingLatencyMatrix.Load(path);
        }
        if (spec.StartsWith("constant:", StringComparison.Ordinal)
            && double.TryParse(spec.AsSpan(9), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            return new ConstantLatencyModel(TimeSpan.FromMilliseconds(ms));
        }
        throw new ArgumentException($"unknown topology '{spec}' (expected {Forms})");
    }
}
