namespace Mace.Runtime.Hosting;

/// <summary>
/// A service stack that runs on a real node, the unit that <c>mace run</c>, <c>mace run --assembly</c>
/// and the generic host (<c>AddMaceNode</c> in Mace.Hosting) start. Subclass it in the assembly that
/// holds your services, with a public parameterless constructor:
/// <code>
/// public sealed class WatchApplication : NodeApplication
/// {
///     public override string Name => "Watch";
///     public override Action&lt;NodeAddress&gt; Build(NodeApplicationContext context)
///     {
///         var watch = new Watch(context.Node, context.GetInt32("Peers", 8));
///         return watch.Monitor;
///     }
/// }
/// </code>
/// </summary>
public abstract class NodeApplication
{
    private static readonly Dictionary<string, string> s_none = [];

    /// <summary>The name on the command line and in configuration (matched ignoring case).</summary>
    public abstract string Name { get; }

    /// <summary>One line for <c>--help</c>, listings and error messages.</summary>
    public virtual string Description => Name;

    /// <summary>The parameters <see cref="Build"/> reads (<c>--param Name=Value</c>, or <c>Mace:Parameters</c> in configuration), with a description each.</summary>
    public virtual IReadOnlyDictionary<string, string> Parameters => s_none;

    /// <summary>
    /// Builds the service stack on <see cref="NodeApplicationContext.Node"/>; runs on the node's event
    /// lane before the node starts. Returns the action that contacts one bootstrap peer, called once per
    /// configured peer after the node listens. Throw <see cref="ArgumentException"/> for a bad parameter.
    /// </summary>
    public abstract Action<NodeAddress> Build(NodeApplicationContext context);

    /// <summary>
    /// Contacts the configured bootstrap peers once the node listens, as one event on the node's lane,
    /// and also when there are none. The default calls <paramref name="contact"/> (what <see cref="Build"/>
    /// returned) once per peer; override it to hand the whole list to one call, as an overlay join does.
    /// </summary>
    public virtual void ContactPeers(Node node, Action<NodeAddress> contact, IReadOnlyList<NodeAddress> peers)
    {
        foreach (var peer in peers) contact(peer);
    }
}
