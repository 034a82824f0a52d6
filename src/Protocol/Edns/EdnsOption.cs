namespace SplitDns.Protocol.Edns;

/// <summary>One EDNS option (RFC 6891 §6.1.2): code and opaque data.</summary>
public readonly record struct EdnsOption(EdnsOptionCode Code, ReadOnlyMemory<byte> Data);
