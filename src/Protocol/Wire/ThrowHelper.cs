using System.Diagnostics.CodeAnalysis;

namespace SplitDns.Protocol.Wire;

/// <summary>Throw sites kept out of line so the parse paths stay small and inlinable.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void Format(DnsFormatError error, string message) => throw new DnsFormatException(error, message);

    [DoesNotReturn]
    public static T Format<T>(DnsFormatError error, string message) => throw new DnsFormatException(error, message);

    [DoesNotReturn]
    public static void Truncated() => throw new DnsFormatException(DnsFormatError.Truncated, "message ends inside a field");
}
