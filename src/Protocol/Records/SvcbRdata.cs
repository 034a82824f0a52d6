using System.Globalization;
using System.Text;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Records;

/// <summary>
/// SVCB: service binding (RFC 9460 §2). <see cref="HttpsRdata"/> shares the format. Priority 0
/// is AliasMode; SvcParams are kept sorted by key, which is also their wire order (§2.2).
/// </summary>
public class SvcbRdata : Rdata
{
    private readonly SvcParam[] _params;

    public SvcbRdata(ushort priority, DnsName targetName, IEnumerable<SvcParam> svcParams)
        : this(RecordType.SVCB, priority, targetName, svcParams)
    {
    }

    private protected SvcbRdata(RecordType type, ushort priority, DnsName targetName, IEnumerable<SvcParam> svcParams)
    {
        SvcParam[] sorted = [.. svcParams];
        Array.Sort(sorted, static (a, b) => ((ushort)a.Key).CompareTo((ushort)b.Key));
        string? error = SvcParamWire.ValidateSet(sorted);
        if (error is not null)
        {
            throw new ArgumentException(error, nameof(svcParams));
        }

        Type = type;
        Priority = priority;
        TargetName = targetName;
        _params = sorted;
    }

    public override RecordType Type { get; }

    public ushort Priority { get; }

    public bool IsAliasMode => Priority == 0;

    public DnsName TargetName { get; }

    /// <summary>SvcParams in increasing key order.</summary>
    public IReadOnlyList<SvcParam> Params => _params;

    public bool TryGetParam(SvcParamKey key, out SvcParam param)
    {
        foreach (SvcParam p in _params)
        {
            if (p.Key == key)
            {
                param = p;
                return true;
            }
        }

        param = default;
        return false;
    }

    public static Rdata Read(ref DnsReader reader, int length) => ReadAs(RecordType.SVCB, ref reader, length);

    public static Rdata Parse(RdataTextReader text) => ParseAs(RecordType.SVCB, text);

    // RFC 9460 §2.2: TargetName is uncompressed.
    public override bool TryWrite(ref DnsWriter writer)
    {
        if (!writer.TryWriteUInt16(Priority) || !writer.TryWriteName(TargetName, compress: false))
        {
            return false;
        }

        foreach (SvcParam p in _params)
        {
            if (!writer.TryWriteUInt16((ushort)p.Key) || !writer.TryWriteUInt16((ushort)p.Value.Length) || !writer.TryWriteBytes(p.Value))
            {
                return false;
            }
        }

        return true;
    }

    public override void AppendPresentation(StringBuilder sb)
    {
        sb.Append(Priority.ToString(CultureInfo.InvariantCulture)).Append(' ');
        TargetName.AppendPresentation(sb);
        foreach (SvcParam p in _params)
        {
            sb.Append(' ');
            SvcParamText.Append(sb, p);
        }
    }

    /// <summary>RFC 9460 §2.2: a compressed TargetName, keys out of order or bad values make the RR malformed.</summary>
    private protected static Rdata ReadAs(RecordType type, ref DnsReader reader, int length)
    {
        int end = reader.Position + length;
        ushort priority = reader.ReadUInt16();
        DnsName target = reader.ReadUncompressedName();
        var list = new List<SvcParam>();
        while (reader.Position < end)
        {
            if (end - reader.Position < 4)
            {
                ThrowHelper.Format(DnsFormatError.BadRdata, "SvcParam header truncated");
            }

            var key = (SvcParamKey)reader.ReadUInt16();
            int len = reader.ReadUInt16();
            if (end - reader.Position < len)
            {
                ThrowHelper.Format(DnsFormatError.BadRdata, "SvcParamValue runs past the RDATA");
            }

            list.Add(new SvcParam(key, reader.ReadBytes(len).ToArray()));
        }

        // Checked before sorting: the wire order itself must be strictly increasing.
        string? error = SvcParamWire.ValidateSet(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list));
        if (error is not null)
        {
            ThrowHelper.Format(DnsFormatError.BadRdata, error);
        }

        return Create(type, priority, target, list);
    }

    private protected static Rdata ParseAs(RecordType type, RdataTextReader text)
    {
        string name = RecordTypeNames.ToText(type);
        ushort priority = text.ReadUInt16(name + " SvcPriority");
        DnsName target = text.ReadName(name + " TargetName");
        var list = new List<SvcParam>();
        while (!text.IsAtEnd)
        {
            SvcParam p = SvcParamText.Read(text);
            foreach (SvcParam seen in list)
            {
                if (seen.Key == p.Key)
                {
                    throw text.Error($"SvcParamKey {SvcParamWire.KeyName(p.Key)} appears twice");
                }
            }

            list.Add(p);
        }

        SvcParam[] sorted = [.. list];
        Array.Sort(sorted, static (a, b) => ((ushort)a.Key).CompareTo((ushort)b.Key));
        string? error = SvcParamWire.ValidateSet(sorted);
        if (error is not null)
        {
            throw text.Error(error);
        }

        return Create(type, priority, target, sorted);
    }

    private static SvcbRdata Create(RecordType type, ushort priority, DnsName target, IEnumerable<SvcParam> svcParams) =>
        type == RecordType.HTTPS
            ? new HttpsRdata(priority, target, svcParams)
            : new SvcbRdata(priority, target, svcParams);
}
