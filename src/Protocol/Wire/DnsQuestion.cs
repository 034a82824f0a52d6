using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;

namespace SplitDns.Protocol.Wire;

/// <summary>One entry of the question section (in UPDATE: the zone section).</summary>
public readonly record struct DnsQuestion(DnsName Name, RecordType Type, DnsClass Class = DnsClass.IN)
{
    public bool TryWrite(ref DnsWriter writer)
    {
        DnsWriter.Mark mark = writer.GetMark();
        if (writer.TryWriteName(Name) && writer.TryWriteUInt16((ushort)Type) && writer.TryWriteUInt16((ushort)Class))
        {
            return true;
        }

        writer.Reset(mark);
        return false;
    }

    public static DnsQuestion Read(ref DnsReader reader) =>
        new(reader.ReadName(), (RecordType)reader.ReadUInt16(), (DnsClass)reader.ReadUInt16());

    public override string ToString() => $"{Name} {RecordTypeNames.ClassToText(Class)} {RecordTypeNames.ToText(Type)}";
}
