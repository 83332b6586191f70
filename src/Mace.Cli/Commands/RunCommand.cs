using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Mace.Cli.Running;
using Mace.Runtime;
using Mace.Runtime.Hosting;
using Mace.Runtime.Tracing;
using Mace.Runtime.Transports.Security;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Mace.Cli.Commands;

/// <summary>
/// <c>mace run SERVICE</c>: starts one real node running a known service over TCP, logs to the
/// console, contacts the bootstrap peers, and on Ctrl+C or SIGTERM runs <c>MaceExit</c> and exits 0.
/// Bad arguments exit 2 with a message naming the bad text.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var service = new Argument<string>("service")
        {
            Description = "the application to run: one bundled (" + string.Join("; ", RunnableServices.Bundled.Select(s => $"{s.Name}: {s.Description}")) + ") or a NodeApplication from an --assembly",
        };
        var port = new Option<int>("--port", "-p") { Description = "the TCP port to listen on; 0 picks a free one", DefaultValueFactory = _ => 0 };
        var bind = new Option<string>("--bind") { Description = "the IPv4 address to bind", DefaultValueFactory = _ => "127.0.0.1" };
        var bootstrap = new Option<string[]>("--bootstrap", "-b") { Description = "a peer to contact at start, host:port (repeat for more)", AllowMultipleArgumentsPerToken = true };
        var seed = new Option<int?>("--seed") { Description = "the seed of the node's random source (default: drawn and logged)" };
        var parameters = new Option<string[]>("--param") { Description = "an application parameter, Name=Value (repeat for more); " + ParameterHelp() };
        var assemblies = new Option<FileInfo[]>("--assembly", "-a") { Description = "an assembly (your service's build output) whose public NodeApplication subclasses become runnable by name; repeatable", AllowMultipleArgumentsPerToken = false };
        var certs = new Option<DirectoryInfo?>("--certs") { Description = "turn transport security on with the credentials `mace certs` wrote to this folder (ca.crt, cluster.key, node-HOST-PORT.pfx for this node's address; needs a fixed --port)" };
        var maxConnections = new Option<int?>("--max-connections") { Description = "the most TCP connections open at once (default 4096)" };
        var handshakeTimeout = new Option<double?>("--handshake-timeout") { Description = "seconds an accepted connection may take to authenticate and send its first frame (default 10)" };
        var traceLog = new Option<FileInfo?>("--trace-log") { Description = "write the node's trace records to this trace log, flushed each second and at stop (read it with `mace log`)" };
        var traceLevel = new Option<TraceLevel?>("--trace-level") { Description = "trace every service at this level (Off, Manual, Low, Med, High) instead of the level its .mace file declares" };
        var otlp = new Option<string?>("--otlp") { Description = "send the node's path spans (one per event on a path its .mace files declare with [path=start]) to this OpenTelemetry collector as it runs, like http://localhost:4317 for Jaeger" };
        var otlpProtocol = new Option<string>("--otlp-protocol") { Description = "OTLP over grpc (port 4317) or http (http/protobuf, port 4318)", DefaultValueFactory = _ => "grpc" };
        otlpProtocol.AcceptOnlyFromAmong("grpc", "http");
        var logLevel = new Option<LogLevel>("--log-level") { Description = "the least severe log level shown", DefaultValueFactory = _ => LogLevel.Information };

        var command = new Command("run", "Start a real node running SERVICE over TCP, print 'listening on ADDRESS', log its upcalls; stop with Ctrl+C or SIGTERM.\n" +
            "example: mace run Ping --port 5000, then in another terminal: mace run Ping --bootstrap 127.0.0.1:5000\n" +
            "your own service: mace run --assembly bin/Release/net10.0/MyService.dll MyApplication --port 5000")
        {
            service, assemblies, port, bind, bootstrap, seed, parameters, certs, maxConnections, handshakeTimeout, traceLog, traceLevel, otlp, otlpProtocol, logLevel,
        };
        command.SetAction((parse, cancellation) =>
        {
            var request = new RunRequest(
                parse.GetValue(service) ?? "",
                parse.GetValue(port),
                parse.GetValue(bind) ?? "127.0.0.1",
                parse.GetValue(bootstrap) ?? [],
                parse.GetValue(seed),
                parse.GetValue(parameters) ?? [],
                parse.GetValue(logLevel),
                parse.GetValue(certs),
                parse.GetValue(maxConnections),
                parse.GetValue(handshakeTimeout),
                parse.GetValue(assemblies) ?? [],
                parse.GetValue(traceLog),
                parse.GetValue(traceLevel),
                parse.GetValue(otlp),
                parse.GetValue(otlpProtocol) ?? "grpc");
            return RunAsync(request, cancellation);
        });
        return command;
    }

    private static string ParameterHelp() =>
        string.Join("; ", RunnableServices.Bundled.Select(s => $"{s.Name}: " + (s.Parameters.Count == 0 ? "none" : string.Join(", ", s.Parameters.Select(p => $"{p.Key} ({p.Value})")))));

    private static async Task<int> RunAsync(RunRequest request, CancellationToken cancellation)
    {
        if (!TryPrepare(request, out var prepared, out var error))
        {
            await Console.Error.WriteLineAsync($"mace run: {error}");
            return 2;
        }
        using var loggers = LoggerFactory.Create(builder => builder
            .SetMinimumLevel(request.LogLevel)
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
            }));
        var options = new RealNodeOptions
        {
            BindAddress = prepared.Bind,
            Port = request.Port,
            Seed = request.Seed,
            Security = prepared.Security,
            MaxConnections = request.MaxConnections ?? 4096,
            HandshakeTimeout = TimeSpan.FromSeconds(request.HandshakeTimeout ?? 10),
        };
        TraceLogWriter? log = null;
        if (request.TraceLog is { } traceFile)
        {
            try
            {
                log = TraceLogWriter.Create(traceFile.FullName);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"mace run: --trace-log: cannot create '{traceFile.FullName}': {ex.Message}");
                return 2;
            }
        }
        using var traceLog = log;
        using var spans = request.Otlp is { } collector ? SpanExporter(collector, request.OtlpProtocol, request.Service, request.Port) : null;
        // A reader (mace log show) sees a running node's records within a second.
        using var flusher = log is null ? null : new Timer(_ => log.Flush(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        using var environment = new RealNodeEnvironment(options, loggers);
        var node = new Node(environment) { TraceSink = log, TraceLevelOverride = request.TraceLevel };
        MaceMetrics.Track(node);
        Action<NodeAddress> contact;
        try
        {
            contact = await node.InvokeAsync(() => prepared.Service.Build(new NodeApplicationContext(node, prepared.Parameters, loggers)));
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"mace run: {ex.Message}");
            return 2;
        }
        catch (SocketException ex)
        {
            await Console.Error.WriteLineAsync($"mace run: cannot listen on {prepared.Bind}:{request.Port}: {ex.Message}");
            return 1;
        }
        await node.StartAsync();
        Console.Out.WriteLine($"listening on {node.Address}");
        Console.Out.Flush();
        await node.InvokeAsync(() => prepared.Service.ContactPeers(node, contact, prepared.Bootstrap));

        try
        {
            await Task.Delay(Timeout.Infinite, cancellation);
        }
        catch (OperationCanceledException)
        {
        }
        await node.StopAsync().WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        Console.Out.WriteLine($"stopped {node.Address}");
        return 0;
    }

    // The OpenTelemetry SDK listening to the nodes' path spans, exporting them in batches over OTLP.
    private static TracerProvider SpanExporter(string collector, string protocol, string service, int port)
    {
        var endpoint = new Uri(collector);
        var http = protocol == "http";
        return Sdk.CreateTracerProviderBuilder()
            .AddSource(MaceActivity.SourceName)
            .ConfigureResource(r => r.AddService("mace-" + service.ToLowerInvariant(), serviceInstanceId: port == 0 ? null : port.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .AddOtlpExporter(o =>
            {
                o.Endpoint = http && endpoint.AbsolutePath == "/" ? new Uri(endpoint, "v1/traces") : endpoint;
                o.Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
            })
            .Build();
    }

    private static bool TryPrepare(RunRequest request, out PreparedRun prepared, out string error)
    {
        if (request.Otlp is { } otlp && (!Uri.TryCreate(otlp, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            prepared = default!;
            error = $"--otlp must be an http:// or https:// address like http://localhost:4317, not '{otlp}'";
            return false;
        }
        prepared = default!;
        IReadOnlyList<NodeApplication> applications;
        try
        {
            applications = RunnableServices.Load(request.Assemblies);
        }
        catch (UserAssemblyException ex)
        {
            error = "--assembly: " + ex.Message;
            return false;
        }
        var service = RunnableServices.Find(applications, request.Service);
        if (service is null)
        {
            error = $"unknown application '{request.Service}'; known: {RunnableServices.Names(applications)}";
            return false;
        }
        if (request.Port is < 0 or > 65535)
        {
            error = $"--port {request.Port} is not 0 to 65535";
            return false;
        }
        if (request.Bind.Count(c => c == '.') != 3 || !IPAddress.TryParse(request.Bind, out var bind) || bind.AddressFamily != AddressFamily.InterNetwork)
        {
            error = $"--bind '{request.Bind}' is not an IPv4 address";
            return false;
        }
        var peers = new List<NodeAddress>();
        foreach (var text in request.Bootstrap)
        {
            if (!NodeAddress.TryParse(text, out var peer) || peer.Kind != NodeAddressKind.IPv4)
            {
                error = $"--bootstrap '{text}' is not a peer address (expected host:port, e.g. 127.0.0.1:5000)";
                return false;
            }
            peers.Add(peer);
        }
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var text in request.Parameters)
        {
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? text[..equals] : "";
            if (equals <= 0 || !service.Parameters.ContainsKey(name))
            {
                var known = service.Parameters.Count == 0 ? "none" : string.Join(", ", service.Parameters.Keys);
                error = equals <= 0
                    ? $"--param '{text}' is not Name=Value"
                    : $"--param '{text}': {service.Name} has no parameter '{name}' (known: {known})";
                return false;
            }
            parameters[name] = text[(equals + 1)..];
        }
        if (request.MaxConnections is < 1)
        {
            error = $"--max-connections {request.MaxConnections} is not at least 1";
            return false;
        }
        if (request.HandshakeTimeout is { } seconds && !(seconds > 0 && seconds <= 3600))
        {
            error = $"--handshake-timeout {seconds} is not a number of seconds above 0 and at most 3600";
            return false;
        }
        TransportSecurity? security = null;
        if (request.Certs is { } folder)
        {
            if (request.Port == 0)
            {
                error = "--certs needs a fixed --port: the node certificate names the node's address";
                return false;
            }
            var self = NodeAddress.FromEndPoint(new IPEndPoint(bind, request.Port));
            try
            {
                security = TransportSecurity.Load(
                    Path.Combine(folder.FullName, CertsCommand.NodeFileName(self, "pfx")), null,
                    Path.Combine(folder.FullName, "ca.crt"),
                    Path.Combine(folder.FullName, "cluster.key"));
            }
            catch (ArgumentException ex)
            {
                error = $"--certs: {ex.Message}";
                return false;
            }
        }
        prepared = new PreparedRun(service, bind, peers, parameters, security);
        error = "";
        return true;
    }

    private sealed record RunRequest(string Service, int Port, string Bind, string[] Bootstrap, int? Seed, string[] Parameters, LogLevel LogLevel,
        DirectoryInfo? Certs, int? MaxConnections, double? HandshakeTimeout, FileInfo[] Assemblies, FileInfo? TraceLog, TraceLevel? TraceLevel,
        string? Otlp, string OtlpProtocol);

    private sealed record PreparedRun(NodeApplication Service, IPAddress Bind, IReadOnlyList<NodeAddress> Bootstrap, IReadOnlyDictionary<string, string> Parameters,
        TransportSecurity? Security);
}
