namespace SplitDns.Server.Admin;

/// <summary>
/// One object the HTTP API manages (an API token, a user, a TSIG key, a zone created through the
/// API, a setting): its kind, its name within the kind, a JSON body, and when it last changed.
/// </summary>
public sealed record AdminObject(string Kind, string Name, string Body, DateTimeOffset Updated);
