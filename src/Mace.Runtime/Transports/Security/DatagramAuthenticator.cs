using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Mace.Runtime.Transports.Security;

/// <summary>
/// Authenticated datagrams for the secured UDP transport: after the frame come an 8-byte sequence
/// number and a 32-byte HMAC-SHA256 tag, keyed by the cluster key, over frame and sequence number.
/// The receiver checks the tag, then the sender's replay window (per claimed source address).
/// </summary>
/// <remarks>
/// <para>Sequence numbers start at the sender's start time in 100 ns ticks and count up, so a
/// restarted sender continues above its earlier numbers without keeping state.</para>
/// <para>Threading: <see cref="Seal"/> runs on the lane, <see cref="Open"/> on the receive loop;
/// each touches only its own state.</para>
/// </remarks>
internal sealed class DatagramAuthenticator
{
    /// <summary>Bytes added to each datagram.</summary>
    public const int Overhead = sizeof(ulong) + HMACSHA256.HashSizeInBytes;

    private readonly byte[] _key;
    private readonly Dictionary<NodeAddress, ReplayWindow> _windows = [];
    private readonly int _maxSenders;
    private ulong _nextSequence;

    public DatagramAuthenticator(ReadOnlySpan<byte> key, ulong firstSequence, int maxSenders)
    {
        _key = key.ToArray();
        _nextSequence = firstSequence;
        _maxSenders = maxSenders;
    }

    /// <summary>Writes the sequence number and tag after the <paramref name="frameLength"/> bytes of <paramref name="datagram"/>; returns the new length.</summary>
    public int Seal(Span<byte> datagram, int frameLength)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(datagram[frameLength..], _nextSequence++);
        var signed = frameLength + sizeof(ulong);
        HMACSHA256.HashData(_key, datagram[..signed], datagram.Slice(signed, HMACSHA256.HashSizeInBytes));
        return signed + HMACSHA256.HashSizeInBytes;
    }

    /// <summary>Checks the tag of a received datagram; false when it is too short or the tag is wrong. The frame is the first <paramref name="frameLength"/> bytes.</summary>
    public bool Verify(ReadOnlySpan<byte> datagram, out int frameLength, out ulong sequence)
    {
        frameLength = datagram.Length - Overhead;
        sequence = 0;
        if (frameLength < 0) return false;
        var signed = datagram[..(frameLength + sizeof(ulong))];
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, signed, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, datagram[signed.Length..])) return false;
        sequence = BinaryPrimitives.ReadUInt64LittleEndian(datagram[frameLength..]);
        return true;
    }

    /// <summary>
    /// Accepts <paramref name="sequence"/> from <paramref name="source"/> once; false for a replay.
    /// Only authenticated datagrams reach here, so the table grows only with cluster members; past
    /// its bound the oldest half is forgotten (their next datagrams start new windows).
    /// </summary>
    public bool Accept(NodeAddress source, ulong sequence)
    {
        if (!_windows.TryGetValue(source, out var window))
        {
            if (_windows.Count >= _maxSenders) Forget(_windows.Count / 2);
            window = new ReplayWindow();
            _windows.Add(source, window);
        }
        return window.TryAccept(sequence);
    }

    private void Forget(int count)
    {
        foreach (var source in _windows.Keys.Take(count).ToList()) _windows.Remove(source);
    }
}
