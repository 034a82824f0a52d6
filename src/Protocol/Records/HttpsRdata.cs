using SplitDns.Protocol.Names;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Records;

/// <summary>HTTPS: SVCB for HTTP origins (RFC 9460 §9), same RDATA format.</summary>
public sealed class HttpsRdata : SvcbRdata
{
    public HttpsRdata(ushort priority, DnsName targetName, IEnumerable<SvcParam> svcParams)
        : base(RecordType.HTTPS, priority, targetName, svcParams)
    {
    }

    public static new Rdata Read(ref DnsReader reader, int length) => ReadAs(RecordType.HTTPS, ref reader, length);

    public static new Rdata Parse(RdataTextReader text) => ParseAs(RecordType.HTTPS, text);
}
