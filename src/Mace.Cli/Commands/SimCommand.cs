using System.CommandLine;

namespace Mace.Cli.Commands;

/// <summary><c>mace sim</c> (STUB: filled in by its issue's work).</summary>
internal static class SimCommand
{
    public static Command Create()
    {
        var command = new Command("sim", "(not yet implemented)");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("mace sim: not yet implemented");
            return 2;
        });
        return command;
    }
}
