using Mace.Runtime.Tests.Cli;
using Xunit.Abstractions;

namespace Mace.Runtime.Tests.MultiHost;

/// <summary>
/// The DHT over Bamboo on four hosts, each a separate <c>mace run Dht</c> process in its own network
/// namespace (issue 11 item 6, issue 15 item 4): puts and gets across hosts, one host's link cut and
/// restored, the failure detected on both sides, routing healed, and no acknowledged put lost.
/// </summary>
public sealed class DhtAcrossHostsTests(ITestOutputHelper output)
{
    private const int NodePort = 5000;
    private const int ClientPort = 7000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [SkippableFact]
    public async Task FourHosts_ServeEveryAcknowledgedPut_ThroughACutAndRestoredLink()
    {
        Skip.If(NamespaceNetwork.Unavailable is not null, "needs Linux network namespaces: " + NamespaceNetwork.Unavailable);
        using var network = NamespaceNetwork.Create(4);
        var hosts = network.Hosts;
        var nodes = new List<MaceProcess>();
        var clients = new List<DhtLineClient>();
        try
        {
            await StartAllAsync(hosts, nodes, clients);

            var acknowledged = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < 20; i++)
            {
                var (key, value) = ($"before-{i}", $"value-{i}-from-{i % 4 + 1}");
                await PutUntilAcknowledged(clients[i % 4], key, value);
                acknowledged[key] = value;
            }
            // Every record is readable from a host other than the one that wrote it.
            for (var i = 0; i < 20; i++) await AssertReadable(clients[(i + 1) % 4], $"before-{i}", acknowledged[$"before-{i}"]);

            var cut = hosts[2];
            var cutAddress = $"{cut.Address}:{NodePort}";
            clients[2].Dispose();
            NamespaceNetwork.Cut(cut);
            output.WriteLine($"cut {cut.Namespace} ({cutAddress})");
            var others = new[] { 0, 1, 3 };
            // Failure detection fires on a host that stayed connected, and on the host that was cut off.
            await Task.WhenAny(others.Select(i => nodes[i].WaitForLineAsync($"NodeFailed {cutAddress}", Patience)));
            await nodes[2].WaitForLineAsync("NodeFailed ", Patience);

            // The three connected hosts keep serving: new puts are acknowledged, old records readable.
            for (var i = 0; i < 9; i++)
            {
                var (key, value) = ($"during-{i}", $"value-{i}-during-cut");
                await PutUntilAcknowledged(clients[others[i % 3]], key, value);
                acknowledged[key] = value;
            }
            foreach (var (key, value) in acknowledged) await AssertReadable(clients[others[key.Length % 3]], key, value);

            NamespaceNetwork.Restore(cut);
            output.WriteLine($"restored {cut.Namespace}");
            clients[2] = await DhtLineClient.ConnectAsync(cut.Address, ClientPort, Patience);
            // Routing heals: the host that was cut off finds every acknowledged record again, among them
            // the ones written while it was away, and so do the others.
            foreach (var (key, value) in acknowledged) await AssertReadable(clients[2], key, value);
            foreach (var (key, value) in acknowledged) await AssertReadable(clients[key.Length % 4], key, value);
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
            for (var i = 0; i < nodes.Count; i++)
            {
                output.WriteLine($"--- host {i + 1} ---\n{nodes[i].Output}");
                nodes[i].Dispose();
            }
        }
    }

    /// <summary>
    /// Jepsen-style: a history of puts across a SIGKILL and restart, a two-two partition and heal, and a
    /// cut link; afterwards every acknowledged put is read back from every host.
    /// </summary>
    [SkippableFact]
    public async Task FourHosts_LoseNoAcknowledgedPut_UnderAKillARestartAPartitionAndACutLink()
    {
        Skip.If(NamespaceNetwork.Unavailable is not null, "needs Linux network namespaces: " + NamespaceNetwork.Unavailable);
        using var network = NamespaceNetwork.Create(4);
        var hosts = network.Hosts;
        var nodes = new List<MaceProcess>();
        var clients = new List<DhtLineClient>();
        var acknowledged = new Dictionary<string, string>(StringComparer.Ordinal);
        var written = 0;
        async Task WriteAsync(string phase, int count, params int[] on)
        {
            for (var i = 0; i < count; i++, written++)
            {
                var (key, value) = ($"{phase}-{written}", $"value-{written}");
                // Unacknowledged puts are indeterminate; only acknowledged ones must survive.
                if (await clients[on[i % on.Length]].AskAsync($"put {key} {value}") == $"ok {key}") acknowledged[key] = value;
            }
        }
        try
        {
            await StartAllAsync(hosts, nodes, clients);
            await WriteAsync("steady", 12, 0, 1, 2, 3);

            // SIGKILL host 4 (its memory is gone), write through the others, restart it on its address.
            var killed = $"{hosts[3].Address}:{NodePort}";
            nodes[3].Kill();
            clients[3].Dispose();
            await Task.WhenAny(new[] { 0, 1, 2 }.Select(i => nodes[i].WaitForLineAsync($"NodeFailed {killed}", Patience)));
            await WriteAsync("killed", 9, 0, 1, 2);
            nodes[3].Dispose();
            nodes[3] = StartHost(hosts[3], hosts[0]);
            await nodes[3].WaitForLineAsync("JoinResult True", Patience);
            clients[3] = await DhtLineClient.ConnectAsync(hosts[3].Address, ClientPort, Patience);
            await WriteAsync("restarted", 8, 0, 1, 2, 3);

            // Partition {1, 2} | {3, 4}; the test reaches only the first side; then heal.
            network.Partition([hosts[2], hosts[3]]);
            await Task.WhenAny(new[] { 0, 1 }.Select(i => nodes[i].WaitForLineAsync($"NodeFailed {hosts[2].Address}:{NodePort}", Patience)));
            await WriteAsync("partitioned", 8, 0, 1);
            network.Heal();

            // Cut host 2's link, write through the others, restore it.
            NamespaceNetwork.Cut(hosts[1]);
            await WriteAsync("cut", 6, 0, 2, 3);
            NamespaceNetwork.Restore(hosts[1]);

            Assert.True(acknowledged.Count >= 30, $"only {acknowledged.Count} of {written} puts were acknowledged");
            for (var h = 0; h < hosts.Count; h++)
            {
                var lost = await UnreadableAsync(clients[h], acknowledged);
                Assert.True(lost.Count == 0, $"host {h + 1} cannot read {lost.Count} acknowledged puts: {string.Join(", ", lost)}");
            }
            output.WriteLine($"{acknowledged.Count} of {written} puts acknowledged, all readable on all {hosts.Count} hosts");
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
            for (var i = 0; i < nodes.Count; i++)
            {
                output.WriteLine($"--- host {i + 1} ---\n{nodes[i].Output}");
                nodes[i].Dispose();
            }
        }
    }

    private static MaceProcess StartHost(NamespaceHost host, NamespaceHost bootstrap)
    {
        var arguments = new List<string>
        {
            "run", "Dht", "--bind", host.Address, "--port", $"{NodePort}", "--seed", $"{host.Index}",
            "--param", $"Client={host.Address}:{ClientPort}", "--param", "Replicas=3", "--param", "ClientTimeoutMs=5000",
        };
        if (host != bootstrap) arguments.AddRange(["--bootstrap", $"{bootstrap.Address}:{NodePort}"]);
        return MaceProcess.StartWith(NamespaceNetwork.Launcher(host), [.. arguments]);
    }

    // Host 1 is the bootstrap peer: it listens before the others contact it.
    private static async Task StartAllAsync(IReadOnlyList<NamespaceHost> hosts, List<MaceProcess> nodes, List<DhtLineClient> clients)
    {
        foreach (var host in hosts)
        {
            var node = StartHost(host, hosts[0]);
            nodes.Add(node);
            if (host.Index == 1) await node.ListeningAddressAsync();
        }
        foreach (var node in nodes) await node.WaitForLineAsync("JoinResult True", Patience);
        foreach (var host in hosts) clients.Add(await DhtLineClient.ConnectAsync(host.Address, ClientPort, Patience));
    }

    // The records that stay unreadable (missing, or another value) until the deadline.
    private static async Task<List<string>> UnreadableAsync(DhtLineClient client, IReadOnlyDictionary<string, string> records)
    {
        var deadline = DateTime.UtcNow + Patience;
        var pending = records.Keys.ToList();
        while (pending.Count > 0 && DateTime.UtcNow < deadline)
        {
            var still = new List<string>();
            foreach (var key in pending)
            {
                if (await client.AskAsync($"get {key}") != $"found {key} {records[key]}") still.Add(key);
            }
            pending = still;
        }
        return pending;
    }

    private async Task PutUntilAcknowledged(DhtLineClient client, string key, string value)
    {
        var deadline = DateTime.UtcNow + Patience;
        string answer;
        do
        {
            answer = await client.AskAsync($"put {key} {value}");
            if (answer == $"ok {key}") return;
            output.WriteLine($"put {key} on {client}: {answer}; again");
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"put {key} on {client} was never acknowledged; last answer '{answer}'");
    }

    // A get can miss while the ring re-forms (the DHT retries a few times, then answers missing);
    // the record must be found before the deadline, and never with another value.
    private async Task AssertReadable(DhtLineClient client, string key, string value)
    {
        var deadline = DateTime.UtcNow + Patience;
        string answer;
        do
        {
            answer = await client.AskAsync($"get {key}");
            if (answer.StartsWith($"found {key} ", StringComparison.Ordinal))
            {
                Assert.Equal($"found {key} {value}", answer);
                return;
            }
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"acknowledged record {key} not readable on {client}; last answer '{answer}'");
    }
}
