using System.Globalization;
using System.Text;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Records;

/// <summary>
/// One resource record. <see cref="Type"/> is kept apart from <see cref="Data"/> because UPDATE
/// (RFC 2136 §2.5) sends RRs of class ANY/NONE with empty RDATA for a given type.
/// </summary>
public sealed class ResourceRecord
{
    public ResourceRecord(DnsName name, RecordType type, DnsClass @class, uint ttl, Rdata data)
    {
        Name = name;
        Type = type;
        Class = @class;
        Ttl = ttl;
        Data = data;
    }

    public ResourceRecord(DnsName name, uint ttl, Rdata data)
        : this(name, data.Type, DnsClass.IN, ttl, data)
    {
    }

    public DnsName Name { get; }

    public RecordType Type { get; }

    public DnsClass Class { get; }

    public uint Ttl { get; }

    public Rdata Data { get; }

    public ResourceRecord WithTtl(uint ttl) => new(Name, Type, Class, ttl, Data);

    public ResourceRecord WithName(DnsName name) => new(name, Type, Class, Ttl, Data);

    /// <summary>Writes owner, type, class, TTL, RDLENGTH and RDATA. False when out of room (position unchanged).</summary>
    public bool TryWrite(ref DnsWriter writer)
    {
        DnsWriter.Mark mark = writer.GetMark();
        if (writer.TryWriteName(Name)
            && writer.TryWriteUInt16((ushort)Type)
            && writer.TryWriteUInt16((ushort)Class)
            && writer.TryWriteUInt32(Ttl)
            && writer.TryReserveUInt16(out int lengthOffset)
            && Data.TryWrite(ref writer))
        {
            int rdlength = writer.Position - lengthOffset - 2;
            writer.PatchUInt16(lengthOffset, (ushort)rdlength);
            return true;
        }

        writer.Reset(mark);
        return false;
    }

    /// <summary>Reads one RR at the reader's position (the name may be compressed).</summary>
    public static ResourceRecord Read(ref DnsReader reader)
    {
        DnsName name = reader.ReadName();
        var type = (RecordType)reader.ReadUInt16();
        var cls = (DnsClass)reader.ReadUInt16();
        uint ttl = reader.ReadUInt32();
        int length = reader.ReadUInt16();
        if (length > reader.Remaining)
        {
            ThrowHelper.Format(DnsFormatError.RdataLength, "RDLENGTH runs past the end of the message");
        }

        Rdata data = RdataFactory.Read(type, cls, ref reader, length);
        return new ResourceRecord(name, type, cls, ttl, data);
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        Name.AppendPresentation(sb);
        sb.Append('\t').Append(Ttl.ToString(CultureInfo.InvariantCulture))
          .Append('\t').Append(RecordTypeNames.ClassToText(Class))
          .Append('\t').Append(RecordTypeNames.ToText(Type)).Append('\t');
        Data.AppendPresentation(sb);
        return sb.ToString();
    }
}
