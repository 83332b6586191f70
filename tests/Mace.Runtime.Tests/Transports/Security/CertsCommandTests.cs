using System.Globalization;
using Mace.Runtime.Tests.Cli;

namespace Mace.Runtime.Tests.Transports.Security;

/// <summary>`mace certs` writes what `mace run --certs` needs: two secured processes ping each other; one without the credentials is not heard.</summary>
public class CertsCommandTests
{
    [Fact]
    public async Task CertsOutput_ConfiguresTwoSecuredNodes_ThatPingEachOther()
    {
        var folder = Directory.CreateTempSubdirectory("mace-certs-");
        try
        {
            var (a, b) = (TestCluster.FreeAddress(), TestCluster.FreeAddress());
            using (var certs = MaceProcess.Start("certs", "--out", folder.FullName, "--node", a.ToString(), "--node", b.ToString()))
            {
                Assert.Equal(0, await certs.WaitForExitAsync());
            }
            Assert.True(File.Exists(Path.Combine(folder.FullName, "ca.crt")));
            using var first = MaceProcess.Start("run", "Ping", "--port", Port(a), "--seed", "1", "--certs", folder.FullName);
            Assert.Equal(a, await first.ListeningAddressAsync());
            using var second = MaceProcess.Start("run", "Ping", "--port", Port(b), "--seed", "2", "--certs", folder.FullName, "--bootstrap", a.ToString());
            await second.WaitForLineAsync($"PeerResponded {a}");

            // A plain node pinging the secured one never hears back: its connection fails the handshake.
            await using var plain = await PingNode.StartAsync();
            await plain.MonitorAsync(a);
            Assert.False(await plain.RepliedOrFailed(a));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("--certs needs a fixed --port", "run", "Ping", "--certs", "/tmp")]
    [InlineData("node certificate file '/nonexistent/node-127.0.0.1-5000.pfx' not found", "run", "Ping", "--port", "5000", "--certs", "/nonexistent")]
    [InlineData("--node 'nowhere' is not a node address", "certs", "--out", "/tmp/mace-certs-never", "--node", "nowhere")]
    public async Task BadSecurityArguments_ExitTwo_NamingTheCause(string message, params string[] arguments)
    {
        using var process = MaceProcess.Start(arguments);
        Assert.Equal(2, await process.WaitForExitAsync());
        Assert.Contains(message, process.Output, StringComparison.Ordinal);
    }

    private static string Port(NodeAddress address) => address.Port.ToString(CultureInfo.InvariantCulture);
}
