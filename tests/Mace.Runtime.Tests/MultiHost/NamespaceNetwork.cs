using System.Diagnostics;
using System.Globalization;

namespace Mace.Runtime.Tests.MultiHost;

/// <summary>One host of a <see cref="NamespaceNetwork"/>: a network namespace with one address.</summary>
/// <param name="Index">1-based; the address's last byte.</param>
/// <param name="Namespace">The <c>ip netns</c> name; run a process in it with <see cref="NamespaceNetwork.Launcher"/>.</param>
/// <param name="Address">The host's IPv4 address on the shared bridge.</param>
/// <param name="Link">The root-namespace end of the host's veth pair: down cuts the host off.</param>
internal sealed record NamespaceHost(int Index, string Namespace, string Address, string Link);

/// <summary>
/// Hosts in Linux network namespaces, each joined to one bridge in the root namespace by a veth pair,
/// for tests that need separate network stacks (multi-host deployment, partitions). The root
/// namespace has an address on the bridge too, so the test process reaches every host. Names carry
/// the creating process's id; <see cref="Create"/> first removes what a dead test process left, and
/// <see cref="Dispose"/> removes everything this one made, also after a failed test.
/// </summary>
internal sealed class NamespaceNetwork : IDisposable
{
    private const string Prefix = "mct";
    private static int s_created;
    private readonly List<string> _namespaces = [];
    private readonly List<NamespaceHost> _hosts = [];
    private string? _bridge;
    private string? _island;

    private NamespaceNetwork(string subnet) => Subnet = subnet;

    /// <summary>Null when network namespaces work here; otherwise why not (not root, no <c>ip</c>, no permission).</summary>
    public static string? Unavailable { get; } = Probe();

    /// <summary>The first three bytes of the hosts' /24, like <c>10.231.17</c>.</summary>
    public string Subnet { get; }

    /// <summary>The root namespace's address on the bridge.</summary>
    public string RootAddress => Subnet + ".254";

    public IReadOnlyList<NamespaceHost> Hosts => _hosts;

    /// <summary>Creates <paramref name="count"/> hosts, addresses SUBNET.1 to SUBNET.count, all links up.</summary>
    public static NamespaceNetwork Create(int count)
    {
        if (Unavailable is { } why) throw new InvalidOperationException("network namespaces are unavailable: " + why);
        if (count is < 1 or > 9) throw new ArgumentOutOfRangeException(nameof(count), "1 to 9 hosts");
        RemoveLeftovers();
        var pid = Environment.ProcessId;
        var serial = Interlocked.Increment(ref s_created);
        var network = new NamespaceNetwork($"10.231.{(pid * 7 + serial) % 250}");
        try
        {
            // Interface names are at most 15 bytes: "mct" + pid (<= 7 digits) + "n" + serial + "h" + host.
            var stem = $"{Prefix}{pid}n{serial}";
            network._bridge = stem + "b";
            Ip("link", "add", network._bridge, "type", "bridge");
            Ip("addr", "add", network.RootAddress + "/24", "dev", network._bridge);
            Ip("link", "set", network._bridge, "up");
            for (var i = 1; i <= count; i++)
            {
                var name = $"{stem}h{i}";
                Ip("netns", "add", name);
                network._namespaces.Add(name);
                Ip("link", "add", name, "type", "veth", "peer", "name", "eth0", "netns", name);
                Ip("link", "set", name, "master", network._bridge);
                Ip("link", "set", name, "up");
                var address = $"{network.Subnet}.{i}";
                Ip("-n", name, "addr", "add", address + "/24", "dev", "eth0");
                Ip("-n", name, "link", "set", "eth0", "up");
                Ip("-n", name, "link", "set", "lo", "up");
                network._hosts.Add(new NamespaceHost(i, name, address, name));
            }
            return network;
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>The command prefix that runs a program inside <paramref name="host"/>'s namespace.</summary>
    public static string[] Launcher(NamespaceHost host) => ["ip", "netns", "exec", host.Namespace];

    /// <summary>Cuts <paramref name="host"/> off from every other host and from the test (its link goes down).</summary>
    public static void Cut(NamespaceHost host) => Ip("link", "set", host.Link, "down");

    /// <summary>Brings <paramref name="host"/>'s link back.</summary>
    public static void Restore(NamespaceHost host) => Ip("link", "set", host.Link, "up");

    /// <summary>
    /// Partitions the network: <paramref name="side"/> moves to a second bridge, where its hosts reach
    /// each other but neither the other hosts nor the test process.
    /// </summary>
    public void Partition(IEnumerable<NamespaceHost> side)
    {
        if (_island is null)
        {
            _island = _bridge![..^1] + "i";
            Ip("link", "add", _island, "type", "bridge");
            Ip("link", "set", _island, "up");
        }
        foreach (var host in side) Ip("link", "set", host.Link, "master", _island);
    }

    /// <summary>Ends every partition: all hosts on the one bridge again.</summary>
    public void Heal()
    {
        foreach (var host in _hosts) Ip("link", "set", host.Link, "master", _bridge!);
    }

    public void Dispose()
    {
        // The root end of each veth pair goes first (deleting it deletes its peer); a namespace's
        // deletion would take its veth pair along, but only once the kernel frees the namespace.
        foreach (var host in _hosts) TryIp("link", "del", host.Link);
        foreach (var name in _namespaces) TryIp("netns", "del", name);
        _namespaces.Clear();
        if (_bridge is not null) TryIp("link", "del", _bridge);
        if (_island is not null) TryIp("link", "del", _island);
        _bridge = null;
        _island = null;
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux()) return "not Linux";
        if (Environment.UserName != "root") return $"needs root (running as {Environment.UserName})";
        var name = $"{Prefix}{Environment.ProcessId}probe";
        try
        {
            var (code, _, error) = Run("ip", "netns", "add", name);
            if (code != 0) return "'ip netns add' failed: " + error.Trim();
            TryIp("netns", "del", name);
            return null;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return "no 'ip' command: " + ex.Message;
        }
    }

    // Namespaces and bridges named after a process that no longer runs.
    private static void RemoveLeftovers()
    {
        var (_, namespaces, _) = Run("ip", "netns", "list");
        foreach (var line in namespaces.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = line.Split(' ')[0];
            if (IsLeftover(name)) TryIp("netns", "del", name);
        }
        var (_, links, _) = Run("ip", "-o", "link", "show");
        foreach (var line in links.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(':', 3);
            var name = parts.Length > 1 ? parts[1].Trim().Split('@')[0] : "";
            if (IsLeftover(name)) TryIp("link", "del", name);
        }
    }

    private static bool IsLeftover(string name)
    {
        if (!name.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var digits = new string(name.AsSpan(Prefix.Length).ToArray().TakeWhile(char.IsAsciiDigit).ToArray());
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) return false;
        if (pid == Environment.ProcessId) return false;
        return !Directory.Exists($"/proc/{pid}");
    }

    private static void Ip(params string[] arguments)
    {
        var (code, output, error) = Run("ip", arguments);
        if (code != 0) throw new InvalidOperationException($"ip {string.Join(' ', arguments)} failed ({code}): {error.Trim()} {output.Trim()}");
    }

    private static void TryIp(params string[] arguments) => Run("ip", arguments);

    private static (int Code, string Output, string Error) Run(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }
}
