using Mace.Compiler.Text;

namespace Mace.Compiler.Diagnostics;

public sealed partial class DiagnosticBag
{
    /// <summary>MACE4001 (warning): a state variable whose type has no wire form is hashed with <c>GetHashCode()</c>.</summary>
    public void ReportStateNotSerializable(MaceSpan span, string name, string type) =>
        Warning("MACE4001", span, $"state variable '{name}' of type '{type}' is not serializable; state hashing falls back to GetHashCode()");

    /// <summary>MACE9001: the compiler failed; the file produced no output. Always a bug in Mace: the message names the compiler method that failed, for the report.</summary>
    public void ReportInternalError(Exception exception)
    {
        var frame = exception.StackTrace?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("at Mace.Compiler.", StringComparison.Ordinal));
        var where = frame is null ? "" : $" ({frame.Split(new[] { " in " }, 2, StringSplitOptions.None)[0]})";
        Error("MACE9001", default(MaceSpan), $"internal compiler error: {exception.GetType().Name}: {exception.Message}{where}; please report it with the file");
    }
}
