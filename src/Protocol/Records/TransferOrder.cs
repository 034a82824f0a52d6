namespace SplitDns.Protocol.Records;

/// <summary>
/// The order of a zone's records in a transfer or a written zone file: SOA first (RFC 5936 §2.2),
/// then owners in canonical order (RFC 4034 §6.1), then type. Callers break the remaining tie on
/// RDATA (RFC 4034 §6.3) in whatever form they hold it.
/// </summary>
public static class TransferOrder
{
    /// <summary>Compares by SOA-first, owner and type; 0 means "same owner and type".</summary>
    public static int CompareOwnerAndType(ResourceRecord a, ResourceRecord b)
    {
        bool aSoa = a.Type == RecordType.SOA;
        bool bSoa = b.Type == RecordType.SOA;
        if (aSoa != bSoa)
        {
            return aSoa ? -1 : 1;
        }

        int c = a.Name.CompareTo(b.Name);
        return c != 0 ? c : ((ushort)a.Type).CompareTo((ushort)b.Type);
    }
}
