using System.CommandLine;

namespace Mace.Cli.Commands;

/// <summary><c>mace compile</c> (STUB: filled in by its issue's work).</summary>
internal static class CompileCommand
{
    public static Command Create()
    {
        var command = new Command("compile", "(not yet implemented)");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("mace compile: not yet implemented");
            return 2;
        });
        return command;
    }
}
