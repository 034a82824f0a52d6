using System.Diagnostics.CodeAnalysis;
using SplitDns.Protocol.Names;

namespace SplitDns.Protocol.Tsig;

/// <summary>The keys a server knows, looked up by key name (case-insensitively, RFC 4343).</summary>
public interface ITsigKeyRing
{
    bool TryFind(DnsName name, [NotNullWhen(true)] out TsigKey? key);
}
