namespace SplitDns.Protocol.Tsig;

/// <summary>Outcome of checking a message's TSIG. Values are stable (metrics, logs).</summary>
public enum TsigStatus
{
    /// <summary>Signed, MAC correct, time within fudge, MAC long enough.</summary>
    Valid = 0,

    /// <summary>The message carries no TSIG RR.</summary>
    Unsigned = 1,

    /// <summary>Wrong MAC, or an empty one (RFC 8945 §5.2.2): TSIG error BADSIG (16).</summary>
    BadSig = 2,

    /// <summary>Unknown key name, or the key's algorithm differs (RFC 8945 §5.2.1): BADKEY (17).</summary>
    BadKey = 3,

    /// <summary>MAC correct but time signed outside now ± fudge (RFC 8945 §5.2.3): BADTIME (18).</summary>
    BadTime = 4,

    /// <summary>MAC correct but truncated below local policy (RFC 8945 §5.2.2.1): BADTRUNC (22).</summary>
    BadTrunc = 5,

    /// <summary>A response whose TSIG carries an error set by the peer (e.g. the server's BADKEY).</summary>
    PeerError = 6,
}
