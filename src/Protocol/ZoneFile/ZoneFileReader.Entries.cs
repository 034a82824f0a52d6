using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.ZoneFile;

public sealed partial class ZoneFileReader
{
    /// <summary>Turns one entry into a record, or reports why not (then returns null).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
            if (!TryParseOwner(frame, first, out owner))
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ResourceRecord? ReadRecord(ZoneFileFrame frame, DnsName owner, int index)
    {
        List<RdataToken> tokens = _entry.Tokens;
        index = ReadTtlAndClass(frame, index, out uint? ttl, out DnsClass? cls);
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

        if (type is RecordType.SVCB or RecordType.HTTPS)
        {
            JoinKeyValuePairs();
        }

        if (!TryParseRdata(frame, type, typeToken, out Rdata? data))
        {
            return null;
        }

        if (!_ttls.TryResolve(ttl, data, _options.DefaultTtl, out uint finalTtl, out string? warning, out string? error))
        {
            AddError(frame, typeToken, error!);
            return null;
        }

        if (warning is not null)
        {
            AddWarning(frame, typeToken, warning);
        }

        finalTtl = _ttls.Unify(owner, type, finalTtl, out warning);
        if (warning is not null)
        {
            AddWarning(frame, typeToken, warning);
        }

        return new ResourceRecord(owner, type, _options.Class, finalTtl, data);
    }

    /// <summary>
    /// RFC 9460 §2.1: in SVCB/HTTPS a parameter is one field, key="value" with the value quoted.
    /// The lexer ends a word at a quote, as BIND's does for every other type, so the two halves
    /// are rejoined here when they touch, quotes kept, the form the SVCB parser reads (BIND's
    /// QVPAIR lexer option does the same for these types only).
    /// </summary>
    private void JoinKeyValuePairs()
    {
        for (int i = _rdata.Count - 2; i >= 0; i--)
        {
            RdataToken key = _rdata[i];
            RdataToken value = _rdata[i + 1];
            string k = key.Text;
            if (!key.Quoted && value.Quoted && k.EndsWith('=') && !(k.Length > 1 && k[^2] == '\\')
                && value.Line == key.Line && value.Column == key.Column + k.Length)
            {
                _rdata[i] = new RdataToken(string.Concat(k, "\"", value.Text, "\""), false, key.Line, key.Column);
                _rdata.RemoveAt(i + 1);
            }
        }
    }

    /// <summary>RFC 1035 §5.1: "[TTL] [class]" or "[class] [TTL]". Returns the index of the type.</summary>
    private int ReadTtlAndClass(ZoneFileFrame frame, int index, out uint? ttl, out DnsClass? cls)
    {
        List<RdataToken> tokens = _entry.Tokens;
        ttl = null;
        cls = null;
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

        return index;
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
            _rdataReader.Reset(_rdata, frame.Origin);
            data = RdataFactory.Parse(type, _rdataReader);
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

    /// <summary>An owner name, its wire form packed into the reader's arena (one array per 64 KiB of names).</summary>
    private bool TryParseOwner(ZoneFileFrame frame, RdataToken token, out DnsName name)
    {
        // The lexer leaves a plain owner as characters in the entry, not a string (a million
        // owners are a million strings otherwise); its text is made only for an error.
        ReadOnlySpan<char> text = _entry.OwnerDeferred ? _entry.OwnerText : token.Text;
        if (DnsName.TryParse(text, frame.Origin, _names, out name, out string? error))
        {
            return true;
        }

        AddError(frame, token, $"invalid owner name '{text}': {error}");
        return false;
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

    private uint LimitTtl(ZoneFileFrame frame, RdataToken at, uint ttl)
    {
        uint limited = ZoneTtlTracker.Limit(ttl, out string? warning);
        if (warning is not null)
        {
            AddWarning(frame, at, warning);
        }

        return limited;
    }
}
