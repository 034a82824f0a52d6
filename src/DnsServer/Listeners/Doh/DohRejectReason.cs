namespace SplitDns.Server.Listeners.Doh;

/// <summary>Why a DoH HTTP request got no DNS answer. Metric labels: never renumber.</summary>
public enum DohRejectReason
{
    /// <summary>Not GET or POST: 405.</summary>
    Method = 0,

    /// <summary>GET without the dns parameter: 400.</summary>
    MissingParameter = 1,

    /// <summary>The dns parameter is not base64url (RFC 4648 §5) without padding: 400.</summary>
    BadBase64 = 2,

    /// <summary>POST whose Content-Type is not application/dns-message: 415.</summary>
    ContentType = 3,

    /// <summary>A message over 65,535 octets: 413.</summary>
    TooLarge = 4,

    /// <summary>GET with a body: 400.</summary>
    BodyOnGet = 5,

    /// <summary>Shorter than a DNS header, empty, or a response (QR set) instead of a query: 400.</summary>
    NotAQuery = 6,

    /// <summary>A zone transfer's answer needs several messages; one HTTP response carries one: 400.</summary>
    MultipleMessages = 7,

    /// <summary>The server produced no answer (the message was dropped, e.g. shed under load): 503.</summary>
    NoAnswer = 8,

    /// <summary>The body did not arrive in time or the client went away.</summary>
    Aborted = 9,

    /// <summary>An HTTPS connection over SplitDns:Doh:ConnectionsPerClient, closed before its TLS handshake.</summary>
    ConnectionLimit = 10,
}
