using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;

namespace SplitDns.ZoneStore.Memory;

/// <summary>
/// The names whose A/AAAA records go in the additional section for an RRset: NS host names
/// (RFC 1035 §3.3.11), MX exchanges (§3.3.9) and SRV targets (RFC 2782). Runs at build time only.
/// </summary>
internal static class AdditionalTargetNames
{
    public static DnsName[] Extract(ResourceRecord[] records)
    {
        if (records.Length == 0 || records[0].Type is not (RecordType.NS or RecordType.MX or RecordType.SRV))
        {
            // An RRset holds one type: only these three have additional-section targets.
            return [];
        }

        var names = new List<DnsName>();
        foreach (ResourceRecord rr in records)
        {
            DnsName? target = rr.Data switch
            {
                NsRdata ns => ns.Target,
                MxRdata mx => mx.Exchange,
                _ when rr.Type == RecordType.SRV => SrvTarget(rr.Data),
                _ => null,
            };
            if (target is { } t && !t.IsRoot && !names.Contains(t))
            {
                names.Add(t);
            }
        }

        return names.Count == 0 ? [] : names.ToArray();
    }

    /// <summary>SRV RDATA is priority, weight, port (6 octets) and an uncompressed target (RFC 2782).</summary>
    private static DnsName? SrvTarget(Rdata data)
    {
        byte[] wire = data.ToWire();
        if (wire.Length < 7)
        {
            return null;
        }

        try
        {
            return DnsName.FromWire(wire.AsSpan(6));
        }
        catch (Protocol.Wire.DnsFormatException)
        {
            return null;
        }
    }
}
