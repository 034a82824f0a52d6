namespace SplitDns.Server.Api.Technitium;

/// <summary>
/// A Technitium call that fails: answered HTTP 200 with <c>{"status":"error","errorMessage":…}</c>
/// (or <c>"invalid-token"</c>), as Technitium does (DnsWebService.cs:2362-2405).
/// </summary>
public sealed class TechnitiumException : Exception
{
    public const string Error = "error";
    public const string InvalidToken = "invalid-token";

    public TechnitiumException(string message, string status = Error)
        : base(message)
    {
        Status = status;
    }

    public TechnitiumException()
        : this("error")
    {
    }

    public TechnitiumException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = Error;
    }

    /// <summary>"error" or "invalid-token".</summary>
    public string Status { get; }
}
