using System.Globalization;

namespace Mace.Runtime.Tracing;

/// <summary>An expectations file that cannot be parsed: names the file, the line and the cause.</summary>
public sealed class PathExpectationsException(string message) : Exception(message);

/// <summary>One rule of a path expectation, and the line that stated it.</summary>
/// <param name="Text">The rule as written (for reports).</param>
/// <param name="Line">Its line in the file.</param>
/// <param name="Check">Null when a path meets the rule; otherwise what the path has instead.</param>
public sealed record PathRule(string Text, int Line, Func<CausalPath, string?> Check);

/// <summary>The rules every path from one start event must meet.</summary>
public sealed record PathExpectation(string Start, int Line, IReadOnlyList<PathRule> Rules);

/// <summary>A path that breaks a rule.</summary>
public sealed record PathViolation(PathExpectation Expectation, PathRule Rule, CausalPath Path, string Actual);

/// <summary>
/// Pip-style expectations over causal paths (docs/analysis.md). A file is blocks of
/// <code>
/// path Dht.Get            # every path that starts at this event...
///   max-hops 6            # ...has at most 6 messages from its start to any event
///   max-latency 2s        # ...ends within 2 s (ms, s)
///   min-nodes 2           # ...visits at least (max-nodes: at most) 2 nodes
///   reaches Dht.Deliver(GetReply)       # ...has an event with this name
///   at-least 3 Dht.Deliver(Copy)        # ...has 3 or more events with this name (at-most: no more)
/// </code>
/// Blank lines and <c>#</c> comments are ignored; event names are <c>Service.Event</c>, ignoring case.
/// </summary>
public static class PathExpectations
{
    /// <summary>Parses the expectations in <paramref name="text"/>; <paramref name="name"/> names the file in errors.</summary>
    /// <exception cref="PathExpectationsException">A line is not a known rule, or a rule precedes every <c>path</c>.</exception>
    public static List<PathExpectation> Parse(string text, string name)
    {
        var expectations = new List<PathExpectation>();
        string? start = null;
        var startLine = 0;
        var rules = new List<PathRule>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i];
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0) line = line[..hash];
            var words = line.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0) continue;
            PathExpectationsException Error(string cause) => new($"{name}({number}): {cause}");
            if (words[0] == "path")
            {
                if (words.Length != 2) throw Error("expected 'path Service.Event'");
                if (start is not null) expectations.Add(new PathExpectation(start, startLine, rules));
                (start, startLine, rules) = (words[1], number, []);
                continue;
            }
            if (start is null) throw Error($"'{words[0]}' before any 'path Service.Event' line");
            var rule = string.Join(' ', words);
            rules.Add(words switch
            {
                ["max-hops", var n] when Count(n) is var most => new PathRule(rule, number, p => p.Hops <= most ? null : $"{p.Hops} hops"),
                ["max-nodes", var n] when Count(n) is var most => new PathRule(rule, number, p => p.Nodes <= most ? null : $"{p.Nodes} nodes"),
                ["min-nodes", var n] when Count(n) is var least => new PathRule(rule, number, p => p.Nodes >= least ? null : $"{p.Nodes} nodes"),
                ["max-events", var n] when Count(n) is var most => new PathRule(rule, number, p => p.Events.Count <= most ? null : $"{p.Events.Count} events"),
                ["max-latency", var d] => Latency(rule, number, d),
                ["reaches", var e] => new PathRule(rule, number, p => Occurrences(p, e) > 0 ? null : $"no {e}"),
                ["at-least", var n, var e] when Count(n) is var least => new PathRule(rule, number, p => Occurrences(p, e) is var c && c >= least ? null : $"{c} of {e}"),
                ["at-most", var n, var e] when Count(n) is var most => new PathRule(rule, number, p => Occurrences(p, e) is var c && c <= most ? null : $"{c} of {e}"),
                _ => throw Error($"unknown rule '{rule}' (known: max-hops N, max-nodes N, min-nodes N, max-events N, max-latency DURATION, reaches EVENT, at-least N EVENT, at-most N EVENT)"),
            });

            int Count(string text) =>
                int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw Error($"'{text}' is not a whole number");

            PathRule Latency(string text, int at, string duration)
            {
                var limit = ParseDuration(duration) ?? throw Error($"'{duration}' is not a duration (like 250ms or 2s)");
                return new PathRule(text, at, p => p.Latency <= limit ? null : $"{p.Latency.TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture)} ms");
            }
        }
        if (start is not null) expectations.Add(new PathExpectation(start, startLine, rules));
        if (expectations.Count == 0) throw new PathExpectationsException($"{name}: no 'path Service.Event' block");
        return expectations;
    }

    /// <summary>Every rule every path of <paramref name="history"/> breaks, with the paths checked per expectation.</summary>
    public static (List<PathViolation> Violations, Dictionary<PathExpectation, int> PathsChecked) Check(CausalHistory history, IEnumerable<PathExpectation> expectations)
    {
        var violations = new List<PathViolation>();
        var checkedCounts = new Dictionary<PathExpectation, int>();
        foreach (var expectation in expectations)
        {
            var paths = history.PathsFrom(expectation.Start);
            checkedCounts[expectation] = paths.Count;
            foreach (var path in paths)
            {
                foreach (var rule in expectation.Rules)
                {
                    if (rule.Check(path) is { } actual) violations.Add(new PathViolation(expectation, rule, path, actual));
                }
            }
        }
        return (violations, checkedCounts);
    }

    private static int Occurrences(CausalPath path, string name) =>
        path.Events.Count(e => e.Event.Records.Any(r => string.Equals(r.Service + "." + r.Event, name, StringComparison.OrdinalIgnoreCase)));

    private static TimeSpan? ParseDuration(string text)
    {
        var (number, scale) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 1.0)
            : text.EndsWith('s') ? (text[..^1], 1000.0)
            : (null, 0);
        return number is not null && double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? TimeSpan.FromMilliseconds(value * scale)
            : null;
    }
}
