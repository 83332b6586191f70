using Mace.Runtime;
using Microsoft.Extensions.Logging;

namespace Mace.Cli.Running;

/// <summary>
/// A service <c>mace run</c> can start: its name, its parameters, and how to build it on a node and
/// hand it a bootstrap peer. Builders run on the node's lane.
/// </summary>
/// <param name="Name">The name on the command line (the service's <c>.mace</c> name).</param>
/// <param name="Description">One line for <c>--help</c> and error messages.</param>
/// <param name="Parameters">The constructor parameters accepted by <c>--param Name=Value</c>, with their descriptions.</param>
/// <param name="Build">Builds the service stack on a node from parsed parameters; returns the action that contacts one bootstrap peer.</param>
internal sealed record RunnableService(
    string Name,
    string Description,
    IReadOnlyDictionary<string, string> Parameters,
    Func<Node, IReadOnlyDictionary<string, string>, ILoggerFactory, Action<NodeAddress>> Build);
