using System.CommandLine;
using Mace.Cli.Commands;

var root = new RootCommand("mace: compile, run, simulate and check distributed systems written in the Mace language")
{
    CompileCommand.Create(),
    RunCommand.Create(),
    SimCommand.Create(),
    CheckCommand.Create(),
    ReplayCommand.Create(),
    LocCommand.Create(),
    ExperimentCommand.Create(),
    DemoCommand.Create(),
    CertsCommand.Create(),
    LogCommand.Create(),
    PathsCommand.Create(),
    MdbCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
