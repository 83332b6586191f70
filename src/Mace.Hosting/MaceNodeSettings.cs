using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Mace.Runtime.Transports.Security;
using Microsoft.Extensions.Configuration;

namespace Mace.Hosting;

/// <summary>
/// A hosted node's settings, read from a configuration section (by default <c>Mace</c>), so
/// appsettings.json, environment variables (<c>Mace__Port=5000</c>) and the command line
/// (<c>--Mace:Port 5000</c>) all set them. Keys:
/// <list type="table">
/// <item><term>Bind</term><description>IPv4 address to listen on (default 127.0.0.1)</description></item>
/// <item><term>Advertise</term><description>IPv4 address other nodes reach this one at, when it differs from Bind (e.g. Bind 0.0.0.0)</description></item>
/// <item><term>Port</term><description>TCP and UDP port (default 0: any free one)</description></item>
/// <item><term>Bootstrap</term><description>peers to contact at start: an array, or one string of host:port separated by commas; host names are resolved at start</description></item>
/// <item><term>Seed</term><description>the node's random seed (default: drawn)</description></item>
/// <item><term>MaxConnections</term><description>TCP connections open at once (default 4096)</description></item>
/// <item><term>HandshakeTimeoutSeconds</term><description>time an accepted connection has to authenticate and send a frame (default 10)</description></item>
/// <item><term>Parameters:NAME</term><description>the application's parameters</description></item>
/// <item><term>Security:Certificate, Security:CertificatePassword, Security:Authority, Security:ClusterKey</term><description>turn transport security on (files as <c>mace certs</c> writes them)</description></item>
/// </list>
/// </summary>
public sealed record MaceNodeSettings
{
    /// <summary>The configuration section read by default.</summary>
    public const string DefaultSection = "Mace";

    public IPAddress Bind { get; init; } = IPAddress.Loopback;

    public IPAddress? Advertise { get; init; }

    public int Port { get; init; }

    /// <summary>Bootstrap peers as configured (host:port); resolved when the node starts.</summary>
    public IReadOnlyList<string> Bootstrap { get; init; } = [];

    public int? Seed { get; init; }

    public int MaxConnections { get; init; } = 4096;

    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public TransportSecurity? Security { get; init; }

    /// <summary>Reads <paramref name="section"/>; <paramref name="prefix"/> names it in errors.</summary>
    /// <exception cref="MaceConfigurationException">A value is malformed; the message names the key.</exception>
    public static MaceNodeSettings Read(IConfiguration section, string prefix = DefaultSection)
    {
        string Key(string name) => prefix + ":" + name;
        var settings = new MaceNodeSettings
        {
            Bind = ReadIPv4(section["Bind"], Key("Bind")) ?? IPAddress.Loopback,
            Advertise = ReadIPv4(section["Advertise"], Key("Advertise")),
            Port = ReadInt(section["Port"], Key("Port"), 0, 65535) ?? 0,
            Bootstrap = ReadBootstrap(section.GetSection("Bootstrap"), Key("Bootstrap")),
            Seed = ReadInt(section["Seed"], Key("Seed"), int.MinValue, int.MaxValue),
            MaxConnections = ReadInt(section["MaxConnections"], Key("MaxConnections"), 1, int.MaxValue) ?? 4096,
            HandshakeTimeout = TimeSpan.FromSeconds(ReadInt(section["HandshakeTimeoutSeconds"], Key("HandshakeTimeoutSeconds"), 1, 3600) ?? 10),
            Parameters = section.GetSection("Parameters").GetChildren().ToDictionary(c => c.Key, c => c.Value ?? "", StringComparer.Ordinal),
        };
        var security = section.GetSection("Security");
        if (security.GetChildren().Any())
        {
            string Required(string name) => security[name] is { Length: > 0 } value ? value
                : throw new MaceConfigurationException($"{Key("Security:" + name)} is missing: transport security needs Certificate, Authority and ClusterKey");
            try
            {
                settings = settings with { Security = TransportSecurity.Load(Required("Certificate"), security["CertificatePassword"], Required("Authority"), Required("ClusterKey")) };
            }
            catch (ArgumentException ex)
            {
                throw new MaceConfigurationException($"{Key("Security")}: {ex.Message}");
            }
        }
        return settings;
    }

    private static IPAddress? ReadIPv4(string? text, string key)
    {
        if (string.IsNullOrEmpty(text)) return null;
        return text.Count(c => c == '.') == 3 && IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetwork
            ? address
            : throw new MaceConfigurationException($"{key} '{text}' is not an IPv4 address");
    }

    private static int? ReadInt(string? text, string key, int min, int max)
    {
        if (string.IsNullOrEmpty(text)) return null;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new MaceConfigurationException($"{key} '{text}' is not an integer from {min} to {max}");
    }

    private static string[] ReadBootstrap(IConfigurationSection section, string key)
    {
        var texts = section.Value is { } single
            ? single.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [.. section.GetChildren().Select(c => c.Value ?? "")];
        foreach (var text in texts)
        {
            var colon = text.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                throw new MaceConfigurationException($"{key} '{text}' is not host:port (e.g. 10.0.0.1:5000 or mace-0.mace:5000)");
            }
        }
        return texts;
    }
}
