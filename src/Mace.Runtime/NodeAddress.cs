using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Mace.Runtime;

/// <summary>
/// The address of a node: an IPv4 endpoint on a real network, or an integer id in the simulator
/// and the model checker. A small value type with ordinal ordering and equality.
/// </summary>
public readonly struct NodeAddress : IEquatable<NodeAddress>, IComparable<NodeAddress>
{
    private readonly ulong _value;

    private NodeAddress(NodeAddressKind kind, ulong value)
    {
        Kind = kind;
        _value = value;
    }

    /// <summary>The empty address (<c>default</c>).</summary>
    public static NodeAddress None => default;

    /// <summary>What this address names.</summary>
    public NodeAddressKind Kind { get; }

    /// <summary>True for <see cref="None"/>.</summary>
    public bool IsNone => Kind == NodeAddressKind.None;

    /// <summary>The simulated node id; only for <see cref="NodeAddressKind.Simulated"/>.</summary>
    public int SimulatedId => Kind == NodeAddressKind.Simulated ? (int)_value : throw new InvalidOperationException($"{this} is not a simulated address");

    /// <summary>The port; only for <see cref="NodeAddressKind.IPv4"/>.</summary>
    public int Port => Kind == NodeAddressKind.IPv4 ? (int)(_value & 0xFFFF) : throw new InvalidOperationException($"{this} is not an IP address");

    /// <summary>The raw value used by the wire format: (IPv4 as big-endian uint) &lt;&lt; 16 | port, or the simulated id.</summary>
    public ulong RawValue => _value;

    /// <summary>An address from its wire form; <paramref name="kind"/> must be a defined kind.</summary>
    public static NodeAddress FromRaw(NodeAddressKind kind, ulong value) => kind switch
    {
        NodeAddressKind.None => default,
        NodeAddressKind.IPv4 when value <= 0xFFFF_FFFF_FFFFUL => new(kind, value),
        NodeAddressKind.Simulated when value <= int.MaxValue => new(kind, value),
        _ => throw new ArgumentOutOfRangeException(nameof(value), $"invalid {kind} address value {value}"),
    };

    /// <summary>The address of simulated node <paramref name="id"/>.</summary>
    public static NodeAddress Simulated(int id) =>
        id < 0 ? throw new ArgumentOutOfRangeException(nameof(id)) : new(NodeAddressKind.Simulated, (ulong)id);

    /// <summary>The address of an IPv4 endpoint.</summary>
    public static NodeAddress FromEndPoint(IPEndPoint endPoint)
    {
        var ip = endPoint.Address;
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        if (ip.AddressFamily != AddressFamily.InterNetwork) throw new ArgumentException($"only IPv4 endpoints are supported, not {endPoint}", nameof(endPoint));
        Span<byte> bytes = stackalloc byte[4];
        ip.TryWriteBytes(bytes, out _);
        var value = ((ulong)bytes[0] << 40) | ((ulong)bytes[1] << 32) | ((ulong)bytes[2] << 24) | ((ulong)bytes[3] << 16) | (ushort)endPoint.Port;
        return new(NodeAddressKind.IPv4, value);
    }

    /// <summary>The IPv4 endpoint; only for <see cref="NodeAddressKind.IPv4"/>.</summary>
    public IPEndPoint ToEndPoint()
    {
        if (Kind != NodeAddressKind.IPv4) throw new InvalidOperationException($"{this} is not an IP address");
        var bytes = new[] { (byte)(_value >> 40), (byte)(_value >> 32), (byte)(_value >> 24), (byte)(_value >> 16) };
        return new IPEndPoint(new IPAddress(bytes), Port);
    }

    /// <summary>Parses <c>host:port</c> (IPv4 or <c>localhost</c>), <c>sim:N</c> or <c>none</c>.</summary>
    public static bool TryParse(string? text, out NodeAddress address)
    {
        address = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        if (text == "none") return true;
        if (text.StartsWith("sim:", StringComparison.Ordinal))
        {
            if (!int.TryParse(text.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return false;
            address = Simulated(id);
            return true;
        }
        var colon = text.LastIndexOf(':');
        if (colon <= 0) return false;
        if (!ushort.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)) return false;
        var host = text[..colon];
        if (host == "localhost") host = "127.0.0.1";
        if (!IPAddress.TryParse(host, out var ip) || ip.AddressFamily != AddressFamily.InterNetwork) return false;
        address = FromEndPoint(new IPEndPoint(ip, port));
        return true;
    }

    /// <summary>Parses like <see cref="TryParse"/>, or throws <see cref="FormatException"/> naming the text.</summary>
    public static NodeAddress Parse(string text) =>
        TryParse(text, out var address) ? address : throw new FormatException($"'{text}' is not a node address (expected host:port, sim:N or none)");

    /// <inheritdoc/>
    public bool Equals(NodeAddress other) => Kind == other.Kind && _value == other._value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is NodeAddress other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine((int)Kind, _value);

    /// <inheritdoc/>
    public int CompareTo(NodeAddress other) => Kind != other.Kind ? Kind.CompareTo(other.Kind) : _value.CompareTo(other._value);

    /// <summary>Equality.</summary>
    public static bool operator ==(NodeAddress left, NodeAddress right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(NodeAddress left, NodeAddress right) => !left.Equals(right);

    /// <summary>Ordinal order.</summary>
    public static bool operator <(NodeAddress left, NodeAddress right) => left.CompareTo(right) < 0;

    /// <summary>Ordinal order.</summary>
    public static bool operator >(NodeAddress left, NodeAddress right) => left.CompareTo(right) > 0;

    /// <summary>Ordinal order.</summary>
    public static bool operator <=(NodeAddress left, NodeAddress right) => left.CompareTo(right) <= 0;

    /// <summary>Ordinal order.</summary>
    public static bool operator >=(NodeAddress left, NodeAddress right) => left.CompareTo(right) >= 0;

    /// <summary><c>a.b.c.d:port</c>, <c>sim:N</c> or <c>none</c>.</summary>
    public override string ToString() => Kind switch
    {
        NodeAddressKind.IPv4 => string.Create(CultureInfo.InvariantCulture, $"{(byte)(_value >> 40)}.{(byte)(_value >> 32)}.{(byte)(_value >> 24)}.{(byte)(_value >> 16)}:{Port}"),
        NodeAddressKind.Simulated => string.Create(CultureInfo.InvariantCulture, $"sim:{_value}"),
        _ => "none",
    };
}
