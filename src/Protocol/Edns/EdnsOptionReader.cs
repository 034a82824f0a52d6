using System.Buffers.Binary;

namespace SplitDns.Protocol.Edns;

/// <summary>
/// Finds one option among the options of an OPT RDATA (RFC 6891 §6.1.2: CODE, LENGTH, DATA
/// repeated) on the wire, without parsing the message. Allocates nothing.
/// </summary>
public static class EdnsOptionReader
{
    /// <summary>The first option with <paramref name="code"/>; false when absent or the framing ends early.</summary>
    public static bool TryFind(ReadOnlySpan<byte> options, EdnsOptionCode code, out ReadOnlySpan<byte> data)
    {
        int i = 0;
        while (i + 4 <= options.Length)
        {
            ushort c = BinaryPrimitives.ReadUInt16BigEndian(options[i..]);
            int length = BinaryPrimitives.ReadUInt16BigEndian(options[(i + 2)..]);
            if (i + 4 + length > options.Length)
            {
                break;
            }

            if (c == (ushort)code)
            {
                data = options.Slice(i + 4, length);
                return true;
            }

            i += 4 + length;
        }

        data = default;
        return false;
    }
}
