using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Spectre.Console;

namespace Mace.Cli.Commands;

/// <summary>
/// <c>mace loc [PATH...]</c>: the size of each <c>.mace</c> service as the paper measures it (figure 7):
/// semicolons, counted on Roslyn's tokens so that comments and string literals never count.
/// </summary>
internal static partial class LocCommand
{
    private static readonly Dictionary<string, int> s_paper = new(StringComparer.Ordinal)
    {
        ["Bamboo"] = 500,
        ["Pastry"] = 600,
        ["Chord"] = 250,
        ["Vivaldi"] = 100,
        ["Scribe"] = 300,
        ["SplitStream"] = 200,
        ["Overcast"] = 450,
        ["BulletPrime"] = 1000,
    };

    // The eleven systems of the paper's evaluation and its course project, by the service that is each here.
    private static readonly (string System, string Service)[] s_systems =
    [
        ("Bamboo", "Bamboo"), ("Pastry", "Pastry"), ("Chord", "Chord"), ("DHT", "Dht"), ("Vivaldi", "Vivaldi"),
        ("Scribe", "Scribe"), ("SplitStream", "SplitStream"), ("RandTree", "RandTree"), ("Overcast", "Overcast"),
        ("BulletPrime", "BulletPrime"), ("file sharing", "PeerShare"),
    ];

    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Folders (their .mace files) or single files, .mace or C# (default: src/Mace.Services).", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("loc", "Count semicolons in each .mace service, beside the paper's figure 7.") { paths };
        command.SetAction(result => Run(result.GetValue(paths) is { Length: > 0 } p ? p : ["src/Mace.Services"]));
        return command;
    }

    /// <summary>The semicolons of <paramref name="text"/> outside comments and literals.</summary>
    internal static int CountSemicolons(string text) =>
        SyntaxFactory.ParseTokens(text).Count(t => t.IsKind(SyntaxKind.SemicolonToken));

    private static int Run(string[] paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path)) files.Add(path);
            else if (Directory.Exists(path)) files.AddRange(Directory.EnumerateFiles(path, "*.mace", SearchOption.AllDirectories));
            else
            {
                Console.Error.WriteLine($"mace loc: error: '{path}' is neither a file nor a folder");
                return 2;
            }
        }
        var table = new Table().Border(TableBorder.Rounded).Title("semicolons per file");
        table.AddColumn("file");
        table.AddColumn("service");
        table.AddColumn(new TableColumn("semicolons").RightAligned());
        table.AddColumn(new TableColumn("paper (fig. 7)").RightAligned());
        var total = 0;
        var byService = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            var count = CountSemicolons(text);
            total += count;
            var service = ServiceLine().Match(text) is { Success: true } m ? m.Groups[1].Value
                : file.EndsWith(".mace", StringComparison.OrdinalIgnoreCase) ? "(interfaces)" : "(C#)";
            byService[service] = count;
            var paper = s_paper.TryGetValue(service, out var p) ? p.ToString(CultureInfo.InvariantCulture) : "";
            table.AddRow(Markup.Escape(Path.GetFileName(file)), Markup.Escape(service), count.ToString(CultureInfo.InvariantCulture), paper);
        }
        table.AddRow("total", "", total.ToString(CultureInfo.InvariantCulture), "");
        AnsiConsole.Write(table);
        var systems = new Table().Border(TableBorder.Rounded).Title("the paper's systems");
        systems.AddColumn("system");
        systems.AddColumn("service");
        systems.AddColumn(new TableColumn("semicolons").RightAligned());
        systems.AddColumn(new TableColumn("paper (fig. 7)").RightAligned());
        systems.AddColumn("of the paper's");
        foreach (var (system, service) in s_systems)
        {
            var hasPaper = s_paper.TryGetValue(service, out var paperCount);
            var built = byService.TryGetValue(service, out var count);
            var verdict = !built ? "not built" : !hasPaper ? "no count" : count <= paperCount ? $"{100.0 * count / paperCount:F0}%" : "ABOVE";
            systems.AddRow(
                Markup.Escape(system), service, built ? count.ToString(CultureInfo.InvariantCulture) : "-",
                hasPaper ? paperCount.ToString(CultureInfo.InvariantCulture) : "-", Markup.Escape(verdict));
        }
        AnsiConsole.Write(systems);
        return 0;
    }

    [GeneratedRegex(@"^\s*service\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex ServiceLine();
}
