using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mace.Runtime;
using Mace.Runtime.Transports.Security;

namespace Mace.Cli.Commands;

/// <summary>
/// <c>mace certs --out DIR --node HOST:PORT ...</c>: writes a development cluster CA
/// (<c>ca.crt</c>, <c>ca.key</c>), a cluster UDP key (<c>cluster.key</c>) and, for each node, a
/// certificate naming its address (<c>node-HOST-PORT.pfx</c> and <c>.crt</c>), ready for
/// <c>mace run --certs DIR</c>. Bad arguments exit 2 naming the text.
/// </summary>
internal static class CertsCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "the folder to write into (created if missing)", Required = true };
        var nodes = new Option<string[]>("--node", "-n") { Description = "a node address HOST:PORT to issue a certificate for (repeat for more)", Required = true, AllowMultipleArgumentsPerToken = true };
        var days = new Option<int>("--days") { Description = "validity in days", DefaultValueFactory = _ => 365 };
        var command = new Command("certs", "Create a development cluster CA, a cluster UDP key and node certificates for `mace run --certs DIR`.\n" +
            "example: mace certs --out certs --node 127.0.0.1:5000 --node 127.0.0.1:5001")
        {
            output, nodes, days,
        };
        command.SetAction(parse => Run(parse.GetValue(output)!, parse.GetValue(nodes) ?? [], parse.GetValue(days)));
        return command;
    }

    /// <summary>The file a node's certificate is written to inside the certs folder.</summary>
    public static string NodeFileName(NodeAddress address, string extension) => $"node-{address.ToString().Replace(':', '-')}.{extension}";

    private static int Run(DirectoryInfo output, string[] nodeTexts, int days)
    {
        if (days is < 1 or > 36500)
        {
            Console.Error.WriteLine($"mace certs: --days {days} is not 1 to 36500");
            return 2;
        }
        var addresses = new List<NodeAddress>();
        foreach (var text in nodeTexts)
        {
            if (!NodeAddress.TryParse(text, out var address) || address.Kind != NodeAddressKind.IPv4 || address.Port == 0)
            {
                Console.Error.WriteLine($"mace certs: --node '{text}' is not a node address (expected host:port with a port, e.g. 127.0.0.1:5000)");
                return 2;
            }
            addresses.Add(address);
        }
        try
        {
            Directory.CreateDirectory(output.FullName);
            var validity = TimeSpan.FromDays(days);
            using var authority = DevCertificates.CreateAuthority("mace dev cluster CA", validity);
            File.WriteAllText(Path.Combine(output.FullName, "ca.crt"), authority.ExportCertificatePem());
            using (var key = authority.GetECDsaPrivateKey()!) File.WriteAllText(Path.Combine(output.FullName, "ca.key"), key.ExportPkcs8PrivateKeyPem());
            File.WriteAllText(Path.Combine(output.FullName, "cluster.key"), Convert.ToHexString(DevCertificates.CreateClusterKey()) + "\n");
            foreach (var address in addresses)
            {
                using var node = DevCertificates.CreateNode(authority, [address], validity);
                File.WriteAllBytes(Path.Combine(output.FullName, NodeFileName(address, "pfx")), node.Export(X509ContentType.Pkcs12));
                File.WriteAllText(Path.Combine(output.FullName, NodeFileName(address, "crt")), node.ExportCertificatePem());
                Console.Out.WriteLine($"{NodeFileName(address, "pfx")}: {address} (SHA-256 {node.GetCertHashString(HashAlgorithmName.SHA256)})");
            }
            Console.Out.WriteLine($"wrote ca.crt, ca.key, cluster.key and {addresses.Count} node certificate(s) to {output.FullName}");
            return 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            Console.Error.WriteLine($"mace certs: cannot write to '{output.FullName}': {ex.Message}");
            return 1;
        }
    }
}
