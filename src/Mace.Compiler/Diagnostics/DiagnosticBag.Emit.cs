using Mace.Compiler.Text;

namespace Mace.Compiler.Diagnostics;

public sealed partial class DiagnosticBag
{
    /// <summary>MACE9001: the compiler failed; the file produced no output. Always a bug in Mace.</summary>
    public void ReportInternalError(Exception exception) =>
        Error("MACE9001", default(MaceSpan), $"internal compiler error: {exception.GetType().Name}: {exception.Message}");
}
