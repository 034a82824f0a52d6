using System.Buffers.Binary;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Tsig;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Tests.Tsig;

/// <summary>Edits signed messages on the wire, to make the malformed and tampered cases.</summary>
internal static class TsigTestWire
{
    public static TsigRecord Find(byte[] message)
    {
        Assert.True(TsigRecord.TryFind(message, out TsigRecord? record));
        return record!;
    }

    /// <summary>Rewrites the TSIG RR with changed RDATA (and optionally another owner name).</summary>
    public static byte[] ReplaceTsig(byte[] signed, Func<TsigRdata, TsigRdata> change)
    {
        TsigRecord record = Find(signed);
        byte[] buffer = new byte[signed.Length + 512];
        signed.AsSpan(0, record.Offset).CopyTo(buffer);
        var writer = new DnsWriter(buffer.AsSpan(record.Offset));
        writer.DisableCompression();
        var rr = new ResourceRecord(record.OwnerName, RecordType.TSIG, record.Class, record.Ttl, change(record.Data));
        Assert.True(rr.TryWrite(ref writer));
        return buffer[..(record.Offset + writer.Position)];
    }

    public static TsigRdata WithMac(TsigRdata d, byte[] mac) =>
        new(d.Algorithm, d.TimeSigned, d.Fudge, mac, d.OriginalId, d.Error, d.OtherData.ToArray());

    /// <summary>Appends a record after the TSIG and counts it in ARCOUNT.</summary>
    public static byte[] AppendAdditional(byte[] message, ResourceRecord record)
    {
        byte[] buffer = new byte[message.Length + 512];
        message.CopyTo(buffer, 0);
        var writer = new DnsWriter(buffer.AsSpan(message.Length));
        writer.DisableCompression();
        Assert.True(record.TryWrite(ref writer));
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(10), (ushort)(TestMessages.AdditionalCount(message) + 1));
        return buffer[..(message.Length + writer.Position)];
    }

    /// <summary>Uppercases every ASCII letter in [start, end) of a copy.</summary>
    public static byte[] Uppercase(byte[] message, int start, int end)
    {
        byte[] copy = (byte[])message.Clone();
        for (int i = start; i < end; i++)
        {
            if (copy[i] is >= (byte)'a' and <= (byte)'z')
            {
                copy[i] -= 0x20;
            }
        }

        return copy;
    }
}
