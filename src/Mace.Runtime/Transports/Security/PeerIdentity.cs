using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace Mace.Runtime.Transports.Security;

/// <summary>
/// The node addresses a certificate names: every <c>mace://host:port</c> URI among its subject
/// alternative names. A secured transport accepts a frame only when its source is one of the
/// addresses of the certificate the connection was authenticated with.
/// </summary>
public static class PeerIdentity
{
    /// <summary>The URI scheme of a node address in a certificate.</summary>
    public const string UriScheme = "mace";

    private const string SubjectAlternativeNameOid = "2.5.29.17";

    /// <summary>The URI that names <paramref name="address"/> in a certificate.</summary>
    public static string UriFor(NodeAddress address) => $"{UriScheme}://{address}";

    /// <summary>The addresses <paramref name="certificate"/> names (a trailing <c>/</c>, as URI normalisation adds, is allowed); empty when it names none.</summary>
    public static IReadOnlySet<NodeAddress> AddressesOf(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var addresses = new HashSet<NodeAddress>();
        foreach (var extension in certificate.Extensions)
        {
            if (extension.Oid?.Value != SubjectAlternativeNameOid) continue;
            foreach (var uri in UrisIn(extension.RawData))
            {
                var prefix = UriScheme + "://";
                if (uri.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                    && NodeAddress.TryParse(uri[prefix.Length..].TrimEnd('/'), out var address)
                    && address.Kind == NodeAddressKind.IPv4)
                {
                    addresses.Add(address);
                }
            }
        }
        return addresses;
    }

    // GeneralNames ::= SEQUENCE OF GeneralName; uniformResourceIdentifier is [6] IA5String.
    private static List<string> UrisIn(byte[] subjectAlternativeName)
    {
        var uris = new List<string>();
        try
        {
            var reader = new AsnReader(subjectAlternativeName, AsnEncodingRules.DER);
            var names = reader.ReadSequence();
            var uriTag = new Asn1Tag(TagClass.ContextSpecific, 6);
            while (names.HasData)
            {
                if (names.PeekTag() == uriTag) uris.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, uriTag));
                else names.ReadEncodedValue();
            }
        }
        catch (AsnContentException)
        {
            uris.Clear(); // a malformed extension names nothing
        }
        return uris;
    }
}
