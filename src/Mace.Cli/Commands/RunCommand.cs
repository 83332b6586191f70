using System.CommandLine;

namespace Mace.Cli.Commands;

/// <summary><c>mace run</c> (STUB: filled in by its issue's work).</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var command = new Command("run", "(not yet implemented)");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("mace run: not yet implemented");
            return 2;
        });
        return command;
    }
}
