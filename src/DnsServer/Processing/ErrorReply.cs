using System.Buffers.Binary;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Server.Processing;

/// <summary>
/// Error replies to messages that could not be decoded as queries (FORMERR) or whose opcode we
/// do not implement (NOTIMP): the header echoed, no question, and, when the request had an OPT
/// record, an OPT with an Extended DNS Error saying why (RFC 8914 §3). Never larger than the
/// request (no amplification): the text, then the EDE, then the OPT are left out when they do not fit.
/// </summary>
internal static class ErrorReply
{
    private const int OptFixedSize = 11;
    private const int EdeHeaderSize = 6;

    public static int Write(ReadOnlySpan<byte> request, Span<byte> response, DnsRcode rcode, bool recursionAvailable,
        ExtendedDnsErrorCode code, string text)
    {
        int length = QueryProcessor.HeaderOnly(request, response, rcode, recursionAvailable);
        if (!OptLocator.HasOpt(request))
        {
            return length;
        }

        int budget = Math.Min(request.Length, response.Length) - length;
        if (budget < OptFixedSize)
        {
            return length;
        }

        int textLength = budget >= OptFixedSize + EdeHeaderSize + text.Length ? text.Length : 0;
        bool ede = budget >= OptFixedSize + EdeHeaderSize;
        var w = new DnsWriter(response[length..]);
        uint ttl = (uint)((int)rcode >> 4) << 24;
        if (!(w.TryWriteByte(0) && w.TryWriteUInt16((ushort)RecordType.OPT) && w.TryWriteUInt16(ResponseWriter.AdvertisedPayload)
              && w.TryWriteUInt32(ttl) && w.TryWriteUInt16((ushort)(ede ? EdeHeaderSize + textLength : 0))))
        {
            return length;
        }

        if (ede)
        {
            if (!(w.TryWriteUInt16((ushort)EdnsOptionCode.ExtendedDnsError) && w.TryWriteUInt16((ushort)(2 + textLength))
                  && w.TryWriteUInt16((ushort)code)))
            {
                return length;
            }

            for (int i = 0; i < textLength; i++)
            {
                if (!w.TryWriteByte((byte)text[i]))
                {
                    return length;
                }
            }
        }

        BinaryPrimitives.WriteUInt16BigEndian(response[10..], 1);
        return length + w.Position;
    }

    /// <summary>A FORMERR with EDE 0 (Other) naming what was wrong.</summary>
    public static int FormErr(ReadOnlySpan<byte> request, Span<byte> response, bool recursionAvailable, DnsFormatError error) =>
        Write(request, response, DnsRcode.FormErr, recursionAvailable, ExtendedDnsErrorCode.Other, Reason(error));

    /// <summary>Short EXTRA-TEXT for each decode failure (ASCII constants: nothing is allocated).</summary>
    internal static string Reason(DnsFormatError error) => error switch
    {
        DnsFormatError.Truncated => "message truncated",
        DnsFormatError.BadPointer or DnsFormatError.PointerLoop => "bad compression pointer",
        DnsFormatError.LabelTooLong or DnsFormatError.NameTooLong or DnsFormatError.BadLabelType => "malformed name",
        DnsFormatError.RdataLength or DnsFormatError.BadRdata => "malformed record data",
        DnsFormatError.TrailingData => "bytes after the last record",
        DnsFormatError.BadOpt => "malformed OPT record",
        DnsFormatError.BadTsig => "malformed TSIG record",
        DnsFormatError.CountMismatch => "section counts do not match the records",
        _ => "malformed message",
    };
}
