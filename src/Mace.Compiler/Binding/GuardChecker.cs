using Mace.Compiler.Diagnostics;
using Mace.Compiler.Syntax;
using Mace.Compiler.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mace.Compiler.Binding;

/// <summary>
/// Reports side effects in a guard (MACE3003): assignment, increment/decrement, <c>await</c>, a
/// downcall through a lower-service field, an <c>Upcall.</c> call, a timer's Schedule/Cancel, and
/// <c>Defer</c>. The guard is parsed by Roslyn; other calls are trusted to be pure.
/// </summary>
internal sealed class GuardChecker
{
    private readonly DiagnosticBag _diagnostics;
    private readonly HashSet<string> _lowerFields;
    private readonly HashSet<string> _timers;

    public GuardChecker(DiagnosticBag diagnostics, IEnumerable<string> lowerFields, IEnumerable<string> timers)
    {
        _diagnostics = diagnostics;
        _lowerFields = new HashSet<string>(lowerFields, StringComparer.Ordinal);
        _timers = new HashSet<string>(timers, StringComparer.Ordinal);
    }

    public void Check(CSharpCodeSyntax guard)
    {
        var expression = SyntaxFactory.ParseExpression(guard.Text);
        foreach (var node in expression.DescendantNodesAndSelf())
        {
            var what = Describe(node);
            if (what is not null) _diagnostics.ReportGuardSideEffect(CodeSpans.Map(guard, node.SpanStart, node.Span.Length), what);
        }
    }

    private string? Describe(SyntaxNode node)
    {
        switch (node)
        {
            case AssignmentExpressionSyntax:
                return "assignment";
            case PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression):
            case PostfixUnaryExpressionSyntax postfix when postfix.IsKind(SyntaxKind.PostIncrementExpression) || postfix.IsKind(SyntaxKind.PostDecrementExpression):
                return "increment or decrement";
            case AwaitExpressionSyntax:
                return "await";
            case InvocationExpressionSyntax invocation:
                return DescribeCall(invocation.Expression);
            default:
                return null;
        }
    }

    private string? DescribeCall(ExpressionSyntax callee)
    {
        if (callee is IdentifierNameSyntax { Identifier.Text: "Defer" }) return "Defer call";
        if (callee is not MemberAccessExpressionSyntax member) return null;
        var receiver = member.Expression is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } inner ? inner.Name.Identifier.Text
            : member.Expression is IdentifierNameSyntax identifier ? identifier.Identifier.Text
            : member.Expression is ThisExpressionSyntax ? "this"
            : null;
        var name = member.Name.Identifier.Text;
        if (receiver is null) return null;
        if (receiver == "this" && name == "Defer") return "Defer call";
        if (receiver == "Upcall") return $"upcall 'Upcall.{name}'";
        if (_lowerFields.Contains(receiver)) return $"downcall '{receiver}.{name}'";
        if (_timers.Contains(receiver) && name is "Schedule" or "Cancel") return $"timer call '{receiver}.{name}'";
        return null;
    }
}
