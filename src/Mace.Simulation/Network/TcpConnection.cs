namespace Mace.Simulation.Network;

/// <summary>
/// A simulated TCP connection from one transport to one peer: the last arrival time keeps
/// delivery FIFO even with jitter; the epoch and <see cref="Broken"/> make one failure raise one
/// error, after which the next send opens a new connection to the peer's current incarnation.
/// </summary>
internal sealed class TcpConnection
{
    public long LastArrival;
    public int Epoch;
    public int PeerIncarnation;
    public bool Broken;
    public bool Established;
}
