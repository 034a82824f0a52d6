using System.Buffers.Binary;

namespace SplitDns.Integration.Tests.Infrastructure;

/// <summary>
/// About a hundred malformed packets, each with a 12-byte header that can be echoed, in the
/// families the issue names: compression pointer loops, forward pointers, pointers into the
/// header, 64-octet labels, 256-octet names, RDLENGTH past the end, 65535 counts, truncated
/// OPT, OPT outside the additional section, two OPTs, and truncations of a valid query.
/// </summary>
public static class HostileCorpus
{
    private const string Question = "0377777707" + "6578616d706c6500" + "00010001";

    public static IReadOnlyList<(string Family, byte[] Packet)> Build()
    {
        var list = new List<(string, byte[])>();
        for (int i = 0; i < 8; i++)
        {
            ushort id = (ushort)(0x4000 + i);
            list.Add(("pointer loop", Packet(id, 1, 0, 0, 0, $"c0{12 + i:x2}00010001")));
            list.Add(("self pointer", Packet(id, 1, 0, 0, 0, "03616161c00c00010001")));
            list.Add(("forward pointer", Packet(id, 1, 0, 0, 0, $"c0{20 + i:x2}00010001" + "0000")));
            list.Add(("pointer into header", Packet(id, 1, 0, 0, 0, $"c0{i:x2}00010001")));
            list.Add(("label 64", Packet(id, 1, 0, 0, 0, "40" + new string('a', 128 + 2 * i) + "0000010001")));
            list.Add(("name 256", Packet(id, 1, 0, 0, 0, string.Concat(Enumerable.Repeat("3f" + new string('6', 126), 4)) + "00010001")));
            list.Add(("rdlength past end", Packet(id, 1, 0, 0, 1, Question + $"00000100010000000000{40 + i:x2}c0a8")));
            list.Add(("65535 counts", Packet(id, 0xffff, 0xffff, 0xffff, 0xffff, Question)));
            list.Add(("truncated opt", Packet(id, 1, 0, 0, 1, Question + "00002904d000000000" + $"00{3 + i:x2}" + "000a00")));
            list.Add(("opt in answer", Packet(id, 1, 1, 0, 0, Question + "00002904d0000000000000")));
            list.Add(("opt in authority", Packet(id, 1, 0, 1, 0, Question + "00002904d0000000000000")));
            list.Add(("two opts", Packet(id, 1, 0, 0, 2, Question + "00002904d0000000000000" + "00002904d0000000000000")));
        }

        byte[] valid = Convert.FromHexString("abcd01000001000000000001" + Question + "00002904d0000000000000");
        for (int cut = 13; cut < valid.Length; cut += 2)
        {
            list.Add(("truncated query", valid[..cut]));
        }

        return list;
    }

    private static byte[] Packet(ushort id, ushort qd, ushort an, ushort ns, ushort ar, string body)
    {
        byte[] header = new byte[12];
        BinaryPrimitives.WriteUInt16BigEndian(header, id);
        header[2] = 0x01;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), qd);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(6), an);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(8), ns);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(10), ar);
        return [.. header, .. Convert.FromHexString(body)];
    }
}
