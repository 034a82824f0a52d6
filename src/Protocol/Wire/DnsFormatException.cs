namespace SplitDns.Protocol.Wire;

/// <summary>
/// A message, name or record on the wire is malformed. The listener turns it into FORMERR
/// (when a header can be echoed) or drops the packet; it never escapes a socket loop.
/// </summary>
public sealed class DnsFormatException : Exception
{
    public DnsFormatException(DnsFormatError error, string message) : base(message) => Error = error;

    public DnsFormatError Error { get; }
}

/// <summary>Why a wire structure could not be read. Values are stable (used in metrics and tests).</summary>
public enum DnsFormatError
{
    Truncated = 1,
    BadPointer = 2,
    PointerLoop = 3,
    LabelTooLong = 4,
    NameTooLong = 5,
    BadLabelType = 6,
    RdataLength = 7,
    TrailingData = 8,
    BadOpt = 9,
    BadRdata = 10,
    BadTsig = 11,
    CountMismatch = 12,
}
