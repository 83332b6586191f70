using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Mace.Runtime.Hosting;

/// <summary>What a <see cref="NodeApplication"/> builds on: the node, its parameters and the loggers.</summary>
public sealed class NodeApplicationContext(Node node, IReadOnlyDictionary<string, string> parameters, ILoggerFactory loggers)
{
    /// <summary>The node the stack is built on; its address is known once it listens.</summary>
    public Node Node { get; } = node;

    /// <summary>The parameters given, by name (ordinal).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; } = parameters;

    /// <summary>The host's loggers: console for <c>mace run</c>, the host's providers under the generic host.</summary>
    public ILoggerFactory Loggers { get; } = loggers;

    /// <summary>The integer parameter <paramref name="name"/>, or <paramref name="fallback"/> when it is not given.</summary>
    /// <exception cref="ArgumentException">The parameter is given but is not an integer.</exception>
    public int GetInt32(string name, int fallback) =>
        !Parameters.TryGetValue(name, out var text) ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : throw new ArgumentException($"parameter {name}: '{text}' is not an integer");

    /// <summary>The text parameter <paramref name="name"/>, or <paramref name="fallback"/> when it is not given.</summary>
    public string GetString(string name, string fallback) => Parameters.TryGetValue(name, out var text) ? text : fallback;
}
