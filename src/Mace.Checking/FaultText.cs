namespace Mace.Checking;

/// <summary>Fault sets as the command line and counterexample files write them: <c>crash,restart,loss,error</c> or <c>none</c>.</summary>
public static class FaultText
{
    private static readonly (string Name, FaultKinds Kind)[] s_names =
    [
        ("crash", FaultKinds.Crash),
        ("restart", FaultKinds.Restart),
        ("loss", FaultKinds.Loss),
        ("error", FaultKinds.Error),
    ];

    /// <summary>The comma-separated names of <paramref name="faults"/>, or <c>none</c>.</summary>
    public static string Format(FaultKinds faults)
    {
        var names = s_names.Where(n => (faults & n.Kind) != 0).Select(n => n.Name).ToArray();
        return names.Length == 0 ? "none" : string.Join(",", names);
    }

    /// <summary>Parses names written by <see cref="Format"/>; throws <see cref="FormatException"/> on an unknown one.</summary>
    public static FaultKinds Parse(string text)
    {
        var faults = FaultKinds.None;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.Equals("none", StringComparison.OrdinalIgnoreCase)) continue;
            var match = s_names.FirstOrDefault(n => n.Name.Equals(part, StringComparison.OrdinalIgnoreCase));
            if (match.Name is null) throw new FormatException($"unknown fault '{part}' (known: crash, restart, loss, error)");
            faults |= match.Kind;
        }
        return faults;
    }
}
