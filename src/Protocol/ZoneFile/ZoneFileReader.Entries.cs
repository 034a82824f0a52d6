using System.Diagnostics.CodeAnalysis;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.ZoneFile;

public sealed partial class ZoneFileReader
{
    /// <summary>RFC 2181 §8: a TTL with the top bit set is taken as zero (BIND warns and does so).</summary>
    private const uint MaxTtl = int.MaxValue;

    /// <summary>Turns one entry into a record, or reports why not (then returns null).</summary>
    private ResourceRecord? ReadEntry(ZoneFileFrame frame)
    {
        List<RdataToken> tokens = _entry.Tokens;
        RdataToken first = tokens[0];
        if (!_entry.OwnerOmitted && !first.Quoted && first.Text.StartsWith('$'))
        {
            ReadDirective(frame);
            return null;
        }

        int index = 0;
        DnsName owner;
        if (_entry.OwnerOmitted)
        {
            if (frame.Owner is not { } previous)
            {
                // After a bad owner name its continuation lines are skipped quietly: one error
                // per mistake, not one per line.
                if (!frame.OwnerFailed)
                {
                    AddError(frame, first, "no owner name: the line starts with a blank and no record precedes it");
                }

                return null;
            }

            owner = previous;
        }
        else
        {
            if (!TryParseName(frame, first, "owner name", out owner))
            {
                // The owner still changes: later blank-owner lines belong to the bad name too.
                frame.Owner = null;
                frame.OwnerFailed = true;
                return null;
            }

            frame.Owner = owner;
            frame.OwnerFailed = false;
            index = 1;
        }

        return ReadRecord(frame, owner, index);
    }

    private ResourceRecord? ReadRecord(ZoneFileFrame frame, DnsName owner, int index)
    {
        List<RdataToken> tokens = _entry.Tokens;
        uint? ttl = null;
        DnsClass? cls = null;

        // RFC 1035 §5.1: "<TTL> <class>" or "<class> <TTL>", each optional.
        while (index < tokens.Count && (ttl is null || cls is null))
        {
            string text = tokens[index].Text;
            if (ttl is null && TtlText.TryParse(text, out uint value))
            {
                ttl = LimitTtl(frame, tokens[index], value);
            }
            else if (cls is null && !tokens[index].Quoted && RecordTypeNames.TryParseClass(text, out DnsClass c))
            {
                cls = c;
            }
            else
            {
                break;
            }

            index++;
        }

        if (index >= tokens.Count)
        {
            AddError(frame, tokens[^1], "missing type");
            return null;
        }

        RdataToken typeToken = tokens[index];
        if (!TryParseType(frame, typeToken, out RecordType type))
        {
            return null;
        }

        if (cls is { } given && given != _options.Class)
        {
            AddError(frame, typeToken, $"class {RecordTypeNames.ClassToText(given)} does not match the zone's class {RecordTypeNames.ClassToText(_options.Class)}");
            return null;
        }

        _rdata.Clear();
        for (int i = index + 1; i < tokens.Count; i++)
        {
            _rdata.Add(tokens[i]);
        }

        if (!TryParseRdata(frame, type, typeToken, out Rdata? data))
        {
            return null;
        }

        if (!TryResolveTtl(frame, ttl, data, typeToken, out uint finalTtl))
        {
            return null;
        }

        return new ResourceRecord(owner, type, _options.Class, finalTtl, data);
    }

    private bool TryParseType(ZoneFileFrame frame, RdataToken token, out RecordType type)
    {
        if (token.Quoted || !RecordTypeNames.TryParse(token.Text, out type))
        {
            type = default;
            string why = token.Text.Length > 0 && char.IsAsciiDigit(token.Text[0])
                ? $"invalid TTL '{token.Text}'"
                : $"unknown type '{token.Text}'";
            AddError(frame, token, why);
            return false;
        }

        if (type is RecordType.OPT or RecordType.TKEY or RecordType.TSIG or RecordType.IXFR or RecordType.AXFR
            or RecordType.MAILA or RecordType.MAILB or RecordType.ANY || (ushort)type == 0)
        {
            // RFC 6895 §3.1: meta-types and QTYPEs live only in messages, never in zone data.
            AddError(frame, token, $"type {RecordTypeNames.ToText(type)} cannot appear in zone data");
            return false;
        }

        return true;
    }

    private bool TryParseRdata(ZoneFileFrame frame, RecordType type, RdataToken typeToken, [NotNullWhen(true)] out Rdata? data)
    {
        try
        {
            data = RdataFactory.Parse(type, new RdataTextReader(_rdata, frame.Origin));
            return true;
        }
        catch (RdataFormatException e)
        {
            AddError(frame, TokenAt(e.TokenIndex, typeToken), $"{RecordTypeNames.ToText(type)}: {e.Message}");
        }
        catch (Exception e) when (e is DnsFormatException or FormatException or ArgumentException)
        {
            // Typed wire readers behind "\#" and RDATA constructors report this way.
            AddError(frame, _rdata.Count > 0 ? _rdata[0] : typeToken, $"{RecordTypeNames.ToText(type)}: {e.Message}");
        }

        data = null;
        return false;
    }

    /// <summary>Where an RDATA error points: the named token, else the last one of the entry.</summary>
    private RdataToken TokenAt(int index, RdataToken typeToken)
    {
        if (index >= 0 && index < _rdata.Count)
        {
            return _rdata[index];
        }

        return _rdata.Count > 0 ? _rdata[^1] : typeToken;
    }

    private bool TryResolveTtl(ZoneFileFrame frame, uint? ttl, Rdata data, RdataToken at, out uint result)
    {
        if (ttl is { } explicitTtl)
        {
            _lastTtl = explicitTtl;
            result = explicitTtl;
            return true;
        }

        // RFC 2308 §4: $TTL first; RFC 1035 §5.1: else the last TTL given.
        if ((_defaultTtl ?? _lastTtl) is { } inherited)
        {
            result = inherited;
            return true;
        }

        if (data is SoaRdata soa)
        {
            // What BIND does for pre-RFC 2308 files: the SOA MINIMUM becomes the default.
            result = Math.Min(soa.Minimum, MaxTtl);
            _defaultTtl = result;
            AddWarning(frame, at, "no TTL specified; using the SOA MINIMUM instead (add $TTL, RFC 2308 §4)");
            return true;
        }

        if (_options.DefaultTtl is { } fallback)
        {
            result = fallback;
            return true;
        }

        AddError(frame, at, "no TTL specified and no $TTL before this record (RFC 2308 §4)");
        result = 0;
        return false;
    }

    private uint LimitTtl(ZoneFileFrame frame, RdataToken at, uint ttl)
    {
        if (ttl <= MaxTtl)
        {
            return ttl;
        }

        AddWarning(frame, at, $"TTL {ttl} is above 2147483647; using 0 (RFC 2181 §8)");
        return 0;
    }

    private bool TryParseName(ZoneFileFrame frame, RdataToken token, string what, out DnsName name)
    {
        if (DnsName.TryParse(token.Text, frame.Origin, out name, out string? error))
        {
            return true;
        }

        AddError(frame, token, $"invalid {what} '{token.Text}': {error}");
        return false;
    }
}
