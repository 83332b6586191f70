using System.Collections.Immutable;
using Mace.Compiler.Text;

namespace Mace.Compiler.Syntax;

/// <summary><c>timer[&lt;T, ...&gt;] Name [recur(expr)];</c> in <c>state_variables</c>.</summary>
public sealed record TimerSyntax(IdentifierSyntax Name, ImmutableArray<CSharpCodeSyntax> TypeArguments, CSharpCodeSyntax? Recur, MaceSpan Span);
