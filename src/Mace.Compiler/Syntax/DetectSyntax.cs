using System.Collections.Immutable;
using Mace.Compiler.Text;

namespace Mace.Compiler.Syntax;

/// <summary>
/// A distributed detector in a <c>detect</c> block: <c>Name { key = value; ... }</c>. Keys are
/// interpreted by the binder (nodes, guard, probe, period, reply, timeout, raise).
/// </summary>
public sealed record DetectSyntax(IdentifierSyntax Name, ImmutableArray<DetectEntrySyntax> Entries, MaceSpan Span);
