using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Mace.Runtime;
using Mace.Runtime.Hosting;
using Mace.Runtime.Tracing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mace.Hosting;

/// <summary>
/// The hosted service behind <c>AddMaceNode</c>: on start it reads the settings, builds the
/// application's stack on a real node, listens, logs <c>listening on ADDRESS</c> and contacts the
/// bootstrap peers; on stop (Ctrl+C, SIGTERM, <c>StopApplication</c>) it runs <c>MaceExit</c> and
/// closes the sockets within the host's shutdown timeout.
/// </summary>
public sealed partial class MaceNodeService : IHostedService, IDisposable
{
    private readonly NodeApplication _application;
    private readonly IConfiguration _section;
    private readonly string _sectionName;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource<Node> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private RealNodeEnvironment? _environment;
    private Node? _node;

    public MaceNodeService(NodeApplication application, IConfiguration section, string sectionName, ILoggerFactory loggers)
    {
        _application = application;
        _section = section;
        _sectionName = sectionName;
        _loggers = loggers;
        _logger = loggers.CreateLogger("Mace.Hosting");
    }

    /// <summary>The application this service runs.</summary>
    public NodeApplication Application => _application;

    /// <summary>Completes with the node once it listens (faults when start failed).</summary>
    public Task<Node> Started => _started.Task;

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var settings = MaceNodeSettings.Read(_section, _sectionName);
            foreach (var name in settings.Parameters.Keys.Where(k => !_application.Parameters.ContainsKey(k)))
            {
                throw new MaceConfigurationException($"{_sectionName}:Parameters:{name}: {_application.Name} has no parameter '{name}' (known: {(_application.Parameters.Count == 0 ? "none" : string.Join(", ", _application.Parameters.Keys))})");
            }
            _environment = new RealNodeEnvironment(new RealNodeOptions
            {
                BindAddress = settings.Bind,
                AdvertiseAddress = settings.Advertise,
                Port = settings.Port,
                Seed = settings.Seed,
                MaxConnections = settings.MaxConnections,
                HandshakeTimeout = settings.HandshakeTimeout,
                Security = settings.Security,
            }, _loggers);
            var node = new Node(_environment);
            MaceMetrics.Track(node);
            var contact = await node.InvokeAsync(() => _application.Build(new NodeApplicationContext(node, settings.Parameters, _loggers)));
            await node.StartAsync().WaitAsync(cancellationToken);
            _node = node;
            LogListening(_logger, _application.Name, node.Address);
            var peers = new List<NodeAddress>();
            foreach (var text in settings.Bootstrap)
            {
                // One bootstrap list serves every node of a cluster (a StatefulSet's first pods), so a
                // node skips its own address in it.
                foreach (var peer in await ResolveAsync(text, cancellationToken))
                {
                    if (peer != node.Address && !peers.Contains(peer)) peers.Add(peer);
                }
            }
            await node.InvokeAsync(() => _application.ContactPeers(node, contact, peers));
            _started.TrySetResult(node);
        }
        catch (Exception ex) when (ex is ArgumentException or SocketException or MaceConfigurationException)
        {
            var failure = ex is MaceConfigurationException ? ex : new MaceConfigurationException($"{_application.Name} could not start: {ex.Message}");
            _started.TrySetException(failure);
            throw failure;
        }
    }

    /// <inheritdoc/>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_node is not { } node) return;
        _node = null;
        await node.StopAsync().WaitAsync(cancellationToken);
        LogStopped(_logger, node.Address);
    }

    /// <inheritdoc/>
    public void Dispose() => _environment?.Dispose();

    private async Task<IEnumerable<NodeAddress>> ResolveAsync(string text, CancellationToken cancellationToken)
    {
        var colon = text.LastIndexOf(':');
        var host = text[..colon];
        var port = int.Parse(text[(colon + 1)..], CultureInfo.InvariantCulture);
        if (IPAddress.TryParse(host, out var literal)) return [NodeAddress.FromEndPoint(new IPEndPoint(literal, port))];
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host, AddressFamily.InterNetwork, cancellationToken);
            return addresses.Select(a => NodeAddress.FromEndPoint(new IPEndPoint(a, port)));
        }
        catch (SocketException ex)
        {
            LogUnresolved(_logger, text, ex.Message);
            return [];
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Application} listening on {Address}")]
    private static partial void LogListening(ILogger logger, string application, NodeAddress address);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "stopped {Address}")]
    private static partial void LogStopped(ILogger logger, NodeAddress address);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "bootstrap peer {Peer} not resolved, skipped: {Reason}")]
    private static partial void LogUnresolved(ILogger logger, string peer, string reason);
}
