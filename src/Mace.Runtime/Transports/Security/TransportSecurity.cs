using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mace.Runtime.Transports.Security;

/// <summary>
/// A node's credentials for the secured transports: its certificate (with private key) for mutual
/// TLS 1.3 on TCP, the trust rule for its peers' certificates (a cluster CA they must chain to,
/// and/or a pinned set of SHA-256 thumbprints), and the per-cluster key that authenticates UDP
/// datagrams. Set <see cref="Hosting.RealNodeOptions.Security"/> to one to turn security on.
/// </summary>
/// <remarks>
/// A node's identity is the set of <c>mace://host:port</c> URIs in its certificate's subject
/// alternative names (<see cref="PeerIdentity"/>): a peer may send only as an address its
/// certificate names, and a node refuses to start with a certificate that does not name its own.
/// </remarks>
public sealed class TransportSecurity
{
    /// <summary>The length of the cluster key in bytes (HMAC-SHA256 key).</summary>
    public const int ClusterKeyLength = 32;

    private readonly byte[] _clusterKey;

    /// <summary>Credentials from loaded certificates and key; throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    /// <param name="certificate">This node's certificate; must carry its private key.</param>
    /// <param name="authority">The cluster CA every peer certificate must chain to; null to rely on <paramref name="pinnedThumbprints"/> alone.</param>
    /// <param name="pinnedThumbprints">SHA-256 thumbprints (hex) of accepted peer certificates; empty to rely on <paramref name="authority"/> alone.</param>
    /// <param name="clusterKey">The per-cluster UDP key, <see cref="ClusterKeyLength"/> bytes.</param>
    public TransportSecurity(X509Certificate2 certificate, X509Certificate2? authority, IEnumerable<string>? pinnedThumbprints, ReadOnlySpan<byte> clusterKey)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.HasPrivateKey) throw new ArgumentException($"certificate '{certificate.Subject}' has no private key", nameof(certificate));
        var pins = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pin in pinnedThumbprints ?? []) pins.Add(pin.Replace(":", "", StringComparison.Ordinal).Trim());
        if (authority is null && pins.Count == 0) throw new ArgumentException("no trust rule: give a cluster CA certificate or pinned thumbprints", nameof(authority));
        if (clusterKey.Length != ClusterKeyLength) throw new ArgumentException($"cluster key is {clusterKey.Length} bytes, expected {ClusterKeyLength}", nameof(clusterKey));
        Certificate = certificate;
        Authority = authority;
        PinnedThumbprints = pins;
        _clusterKey = clusterKey.ToArray();
        Identity = PeerIdentity.AddressesOf(certificate);
        if (Identity.Count == 0) throw new ArgumentException($"certificate '{certificate.Subject}' names no node address (a mace://host:port subject alternative name)", nameof(certificate));
        CertificateContext = SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true);
    }

    /// <summary>This node's certificate.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The cluster CA, if trust is by chain.</summary>
    public X509Certificate2? Authority { get; }

    /// <summary>Accepted peer certificate thumbprints (SHA-256, upper-case hex without separators), if trust is by pinning.</summary>
    public IReadOnlySet<string> PinnedThumbprints { get; }

    /// <summary>The addresses this node's certificate names.</summary>
    public IReadOnlySet<NodeAddress> Identity { get; }

    internal SslStreamCertificateContext CertificateContext { get; }

    internal ReadOnlySpan<byte> ClusterKey => _clusterKey;

    /// <summary>
    /// Loads credentials written by <c>mace certs</c>: a PKCS#12 node certificate, a PEM CA
    /// certificate, and a cluster key file (hex). Throws <see cref="ArgumentException"/> naming the
    /// file and the cause.
    /// </summary>
    public static TransportSecurity Load(string certificatePath, string? password, string authorityPath, string clusterKeyPath)
    {
        var certificate = LoadFile(certificatePath, "node certificate", p => X509CertificateLoader.LoadPkcs12FromFile(p, password, X509KeyStorageFlags.Exportable));
        var authority = LoadFile(authorityPath, "CA certificate", p => X509Certificate2.CreateFromPem(File.ReadAllText(p)));
        var key = LoadFile(clusterKeyPath, "cluster key", p => Convert.FromHexString(File.ReadAllText(p).Trim()));
        try
        {
            return new TransportSecurity(certificate, authority, null, key);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"{certificatePath}: {ex.Message}", ex);
        }
    }

    /// <summary>True when <paramref name="certificate"/> chains to the cluster CA or is pinned.</summary>
    public bool IsTrusted(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (PinnedThumbprints.Count > 0 && PinnedThumbprints.Contains(certificate.GetCertHashString(HashAlgorithmName.SHA256))) return true;
        if (Authority is null) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.NoFlag;
        return chain.Build(certificate);
    }

    private static T LoadFile<T>(string path, string what, Func<string, T> load)
    {
        if (!File.Exists(path)) throw new ArgumentException($"{what} file '{path}' not found");
        try
        {
            return load(path);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"{what} file '{path}' cannot be read: {ex.Message}", ex);
        }
    }
}
