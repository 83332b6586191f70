namespace Mace.Runtime.Tests.Cli;

/// <summary>
/// <c>mace loc</c> on single files: semicolons outside comments and literals, and each file's
/// service, "(interfaces)" for a .mace file without one, "(C#)" for a C# file.
/// </summary>
public sealed class LocCommandTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("mace-loc-").FullName;

    [Fact]
    public async Task Loc_CountsCodeSemicolons_AndNamesEachFilesKind()
    {
        var helper = Write("Helper.cs", "static class Helper { static int A() { var x = 1; return x; } } // one; two;\nclass S { string s = \"a;b;c\"; }\n");
        var contract = Write("Contract.mace", "serviceclass Contract {\n    downcalls { void Go(); }\n}\n");
        var service = Write("Tiny.mace", "service Tiny;\n\ntransitions {\n    downcall Go() { }\n}\n");

        using var mace = MaceProcess.Start("loc", helper, contract, service);
        var exit = await mace.WaitForExitAsync();
        var output = mace.Output;

        Assert.True(exit == 0, output);
        Assert.Matches(@"Helper\.cs\s*│\s*\(C#\)\s*│\s*3\s*│", output);
        Assert.Matches(@"Contract\.mace\s*│\s*\(interfaces\)\s*│\s*1\s*│", output);
        Assert.Matches(@"Tiny\.mace\s*│\s*Tiny\s*│\s*1\s*│", output);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_scratch, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);
}
