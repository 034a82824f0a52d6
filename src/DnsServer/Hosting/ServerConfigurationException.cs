namespace SplitDns.Server.Hosting;

/// <summary>Configuration or zone files are invalid; the messages name the key or file:line and the reason.</summary>
public sealed class ServerConfigurationException : Exception
{
    public ServerConfigurationException(IReadOnlyList<string> errors)
        : base(string.Join(Environment.NewLine, errors)) => Errors = errors;

    public IReadOnlyList<string> Errors { get; }
}
