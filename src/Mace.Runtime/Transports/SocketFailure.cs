using System.Net.Sockets;

namespace Mace.Runtime.Transports;

/// <summary>Sorts what a socket loop caught into expected shutdown and the peer failures reported upward.</summary>
internal static class SocketFailure
{
    /// <summary>True for exceptions a socket operation throws when we closed or cancelled it ourselves.</summary>
    public static bool IsLocalAbort(Exception exception) => exception switch
    {
        ObjectDisposedException => true,
        OperationCanceledException => true,
        SocketException { SocketErrorCode: SocketError.OperationAborted or SocketError.Interrupted or SocketError.Shutdown } => true,
        _ => false,
    };

    /// <summary>True for exceptions a socket loop expects from a failing peer or network (not bugs).</summary>
    public static bool IsNetworkFailure(Exception exception) =>
        exception is SocketException or IOException or ObjectDisposedException or OperationCanceledException;
}
