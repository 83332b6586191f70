namespace Mace.Hosting;

/// <summary>A node's configuration is wrong; the message names the key, the value and what was expected.</summary>
public sealed class MaceConfigurationException(string message) : Exception(message);
