using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Mace.Compiler.Tests.Emit;

namespace Mace.Compiler.Tests.Binding;

/// <summary>A serviceclass declared in one file is used by a service in another through its MaceServiceClass declaration string.</summary>
public sealed partial class ReferencedServiceClassTests
{
    private const string Interfaces = """
        namespace Shop.Interfaces;

        using System.Collections.Generic;

        serviceclass Catalog {
            downcalls {
                IReadOnlyList<string> Items() { return new List<string>(); }
                bool Offer(string item, Payload details);
            }
            upcalls(handler CatalogEvents) {
                void Offered(string item, Payload details);
            }
        }
        """;

    private const string Service = """
        service Shopfront : Catalog;

        messages {
            Details { int Price; }
        }

        state_variables {
            List<string> Stock = new();
        }

        transitions {
            downcall Items() { return Stock; }
            downcall Offer(string item, Payload details) {
                Stock.Add(item);
                Upcall.Offered(item, new Details(1));
                return true;
            }
        }
        """;

    [Fact]
    public void ServiceUsingReferencedServiceClass_ImportsItsNamespace_AndDoesNotReEmitIt()
    {
        var interfaces = MaceCompiler.Compile("Catalog.mace", Interfaces, MaceCompilerOptions.Default);
        Assert.False(interfaces.HasErrors, string.Join("\n", interfaces.Diagnostics));
        var declaration = Regex.Unescape(DeclarationPattern().Match(interfaces.GeneratedSource!).Groups[1].Value);
        Assert.StartsWith("namespace Shop.Interfaces; using System.Collections.Generic; serviceclass Catalog {", declaration, StringComparison.Ordinal);

        var options = MaceCompilerOptions.Default with { DefaultNamespace = "Shop.Services", ReferencedDeclarations = [declaration] };
        var service = MaceCompiler.Compile("Shopfront.mace", Service, options);
        Assert.False(service.HasErrors, string.Join("\n", service.Diagnostics));
        Assert.Contains("\nusing Shop.Interfaces;\n", service.GeneratedSource, StringComparison.Ordinal);
        Assert.DoesNotContain("interface ICatalog", service.GeneratedSource, StringComparison.Ordinal);
        Assert.Contains("public sealed partial class Shopfront : global::Mace.Runtime.ServiceBase, ICatalog", service.GeneratedSource, StringComparison.Ordinal);

        var compilation = GeneratedCompilation.Create(interfaces.GeneratedSource!, "Catalog.g.cs")
            .AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(service.GeneratedSource!, path: "Shopfront.g.cs"));
        var problems = GeneratedCompilation.Problems(compilation);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void LocalDeclaration_WinsOverReferencedCopy()
    {
        var reference = "namespace Elsewhere; serviceclass Catalog { downcalls { void Other(); } }";
        var options = MaceCompilerOptions.Default with { ReferencedDeclarations = [reference] };
        var result = MaceCompiler.Compile("Catalog.mace", Interfaces, options);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.Contains("interface ICatalog", result.GeneratedSource, StringComparison.Ordinal);
        Assert.DoesNotContain("using Elsewhere;", result.GeneratedSource, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownServiceClass_WithoutReference_IsReported()
    {
        var result = MaceCompiler.Compile("Shopfront.mace", Service, MaceCompilerOptions.Default with { ReferencedDeclarations = ImmutableArray<string>.Empty });
        Assert.Contains(result.Diagnostics, d => d.Id == "MACE2001");
        Assert.Null(result.GeneratedSource);
    }

    [GeneratedRegex("MaceServiceClass\\(\"Catalog\", \"((?:[^\"\\\\]|\\\\.)*)\"\\)")]
    private static partial Regex DeclarationPattern();
}
