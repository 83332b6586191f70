namespace Mace.Runtime.Transports.Security;

/// <summary>The start-up check both secured transports make: a node's certificate must name the address it listens on.</summary>
internal static class TransportSecurityCheck
{
    /// <summary>The error text for a certificate that does not name <paramref name="address"/>.</summary>
    public static string NotNamed(TransportSecurity security, NodeAddress address) =>
        $"the node certificate names {string.Join(", ", security.Identity.Order())} but the node listens on {address}; " +
        "create a certificate for this address (mace certs --node HOST:PORT) or listen on the port it names";
}
