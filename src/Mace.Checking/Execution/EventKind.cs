namespace Mace.Checking.Execution;

/// <summary>The kinds of enabled event the chooser picks among, in the order they are listed.</summary>
internal enum EventKind : byte
{
    Lane,
    TcpDeliver,
    UdpDeliver,
    Timer,
    Crash,
    Restart,
    Loss,
    Break,
}
