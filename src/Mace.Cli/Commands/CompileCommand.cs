using System.Collections.Immutable;
using System.CommandLine;
using Mace.Compiler;
using Mace.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Mace.Cli.Commands;

/// <summary>
/// <c>mace compile FILE.mace [-o OUT.cs]</c>: the generator's output, byte for byte, outside a build.
/// Errors print as <c>FILE.mace(line,col): error MACEnnnn: message</c> and exit 1.
/// </summary>
internal static class CompileCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The .mace file to compile." };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write the generated C# here (default: standard output)." };
        var ns = new Option<string>("--namespace", "-n")
        {
            Description = "Namespace for generated types when the file declares none (the generator uses the project's RootNamespace).",
            DefaultValueFactory = _ => "Mace.Generated",
        };
        var references = new Option<FileInfo[]>("--reference", "-r")
        {
            Description = "An assembly (.dll) or .mace file whose serviceclasses the file may use; repeatable. The library's own (Transport, ...) are always known.",
            AllowMultipleArgumentsPerToken = true,
        };
        var noLibrary = new Option<bool>("--no-library") { Description = "Do not add the Mace library's interfaces (Mace.Runtime, Mace.Services) as references." };

        var command = new Command("compile", "Compile a .mace file to C# (the same output as the build's generator).")
        {
            file, output, ns, references, noLibrary,
        };
        command.SetAction(result => Run(
            result.GetValue(file)!,
            result.GetValue(output),
            result.GetValue(ns)!,
            result.GetValue(references) ?? [],
            result.GetValue(noLibrary)));
        return command;
    }

    private static int Run(FileInfo file, FileInfo? output, string defaultNamespace, FileInfo[] references, bool noLibrary)
    {
        if (!file.Exists)
        {
            Console.Error.WriteLine($"mace compile: error: file '{file.FullName}' not found");
            return 2;
        }
        var declarations = ImmutableArray.CreateBuilder<string>();
        var assemblies = new List<string>();
        if (!noLibrary)
        {
            assemblies.Add(typeof(Runtime.Node).Assembly.Location);
            assemblies.Add(typeof(Services.Ping).Assembly.Location);
        }
        foreach (var reference in references)
        {
            if (!reference.Exists)
            {
                Console.Error.WriteLine($"mace compile: error: reference '{reference.FullName}' not found");
                return 2;
            }
            if (reference.Extension.Equals(".mace", StringComparison.OrdinalIgnoreCase))
            {
                declarations.AddRange(MaceDeclarations.Extract(reference.FullName, File.ReadAllText(reference.FullName), defaultNamespace));
            }
            else if (reference.Extension.Equals(".dll", StringComparison.OrdinalIgnoreCase))
            {
                assemblies.Add(reference.FullName);
            }
            else
            {
                Console.Error.WriteLine($"mace compile: error: reference '{reference.Name}' is neither a .dll nor a .mace file");
                return 2;
            }
        }
        if (assemblies.Count > 0) declarations.AddRange(DeclarationsOf(assemblies));

        var path = file.FullName;
        var text = File.ReadAllText(path);
        var visible = MaceDeclarations.WithoutShadowed(declarations.ToImmutable(), path, text);
        var result = MaceCompiler.Compile(path, text, new MaceCompilerOptions(defaultNamespace, visible));
        foreach (var diagnostic in result.Diagnostics) Console.Error.WriteLine(diagnostic.ToString());
        if (result.HasErrors || result.GeneratedSource is null) return 1;
        if (output is null)
        {
            Console.Out.Write(result.GeneratedSource);
        }
        else
        {
            File.WriteAllText(output.FullName, result.GeneratedSource);
            Console.Error.WriteLine($"mace compile: wrote {output.FullName}");
        }
        return 0;
    }

    // The serviceclass attributes hold their declarations as strings, which Roslyn decodes only
    // when it can resolve System.String: the core library and the System.Runtime facade go in too.
    private static ImmutableArray<string> DeclarationsOf(IEnumerable<string> assemblyPaths)
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string[] core = [typeof(object).Assembly.Location, Path.Combine(framework, "System.Runtime.dll")];
        var compilation = CSharpCompilation.Create(
            "MaceCompileReferences",
            references: assemblyPaths.Concat(core.Where(File.Exists)).Distinct(StringComparer.Ordinal).Select(p => MetadataReference.CreateFromFile(p)));
        return ReferencedServiceClasses.Collect(compilation, CancellationToken.None);
    }
}
