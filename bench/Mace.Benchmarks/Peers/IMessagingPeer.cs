namespace Mace.Benchmarks.Peers;

/// <summary>
/// One sender and one receiver on 127.0.0.1 exchanging fixed-size messages: the same three jobs for
/// Mace and for each library a user might pick instead.
/// </summary>
public interface IMessagingPeer : IAsyncDisposable
{
    /// <summary>The library's name, as the benchmark tables print it.</summary>
    string Name { get; }

    /// <summary>Sends <paramref name="count"/> one-way messages and completes when the receiver has seen them all.</summary>
    Task StreamAsync(int count);

    /// <summary>One request and its response, with nothing else outstanding.</summary>
    Task RequestAsync();

    /// <summary><paramref name="total"/> requests with <paramref name="window"/> of them outstanding at any time; completes at the last response.</summary>
    Task PipelineAsync(int total, int window);
}
