namespace SplitDns.Protocol.Records;

/// <summary>One SvcParam of an SVCB/HTTPS record (RFC 9460 §2.2): a key and its wire-format value.</summary>
public readonly struct SvcParam
{
    private readonly byte[]? _value;

    public SvcParam(SvcParamKey key, byte[] value)
    {
        Key = key;
        _value = value;
    }

    public SvcParamKey Key { get; }

    /// <summary>The SvcParamValue in wire format (RFC 9460 §7), e.g. two octets for "port".</summary>
    public ReadOnlySpan<byte> Value => _value;

    internal byte[] ValueArray => _value ?? [];
}
