using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;

namespace SplitDns.Protocol.ZoneFile;

public sealed partial class ZoneFileReader
{
    private void ReadDirective(ZoneFileFrame frame)
    {
        List<RdataToken> tokens = _entry.Tokens;
        RdataToken directive = tokens[0];
        switch (directive.Text.ToUpperInvariant())
        {
            case "$ORIGIN":
                if (ExpectArguments(frame, 1, 1) && TryParseName(frame, tokens[1], "$ORIGIN", out DnsName origin))
                {
                    // A relative $ORIGIN is taken relative to the current one, as BIND does.
                    frame.Origin = origin;
                }

                break;
            case "$TTL":
                if (ExpectArguments(frame, 1, 1))
                {
                    if (TtlText.TryParse(tokens[1].Text, out uint ttl))
                    {
                        _ttls.SetDefault(LimitTtl(frame, tokens[1], ttl));
                    }
                    else
                    {
                        AddError(frame, tokens[1], $"invalid $TTL '{tokens[1].Text}'");
                    }
                }

                break;
            case "$INCLUDE":
                if (ExpectArguments(frame, 1, 2))
                {
                    Include(frame);
                }

                break;
            default:
                AddError(frame, directive, $"unknown or unsupported directive '{directive.Text}'");
                break;
        }
    }

    private bool ExpectArguments(ZoneFileFrame frame, int min, int max)
    {
        List<RdataToken> tokens = _entry.Tokens;
        int count = tokens.Count - 1;
        if (count < min)
        {
            AddError(frame, tokens[^1], $"{tokens[0].Text} needs {(min == max ? min.ToString(System.Globalization.CultureInfo.InvariantCulture) : "at least " + min)} argument(s)");
            return false;
        }

        if (count > max)
        {
            AddError(frame, tokens[max + 1], $"unexpected '{tokens[max + 1].Text}' after {tokens[0].Text}");
            return false;
        }

        return true;
    }

    /// <summary>
    /// RFC 1035 §5.1 "$INCLUDE file [origin]": the path is relative to the including file's
    /// folder (not the process's), the origin to the current one; the parent's origin and owner
    /// are untouched afterwards. A file already on the stack is a cycle and is refused.
    /// </summary>
    private void Include(ZoneFileFrame frame)
    {
        List<RdataToken> tokens = _entry.Tokens;
        RdataToken pathToken = tokens[1];
        if (!_options.AllowInclude)
        {
            AddError(frame, tokens[0], "$INCLUDE is not allowed here");
            return;
        }

        DnsName origin = frame.Origin;
        if (tokens.Count > 2 && !TryParseName(frame, tokens[2], "$INCLUDE origin", out origin))
        {
            return;
        }

        string name;
        try
        {
            name = DecodePath(pathToken.Text);
        }
        catch (RdataFormatException e)
        {
            AddError(frame, pathToken, $"invalid $INCLUDE file name: {e.Message}");
            return;
        }

        string fullPath = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(frame.FullPath) ?? ".", name));
        string display = Path.IsPathRooted(name) ? name : Path.Combine(Path.GetDirectoryName(frame.File) ?? string.Empty, name);
        foreach (ZoneFileFrame open in _stack)
        {
            if (string.Equals(open.FullPath, fullPath, StringComparison.Ordinal))
            {
                AddError(frame, pathToken, $"$INCLUDE cycle: '{display}' is already being read ({DescribeStack(display)})");
                return;
            }
        }

        if (_stack.Count > _options.MaxIncludeDepth)
        {
            AddError(frame, pathToken, $"$INCLUDE nested deeper than {_options.MaxIncludeDepth}");
            return;
        }

        if (!TryOpen(fullPath, out TextReader? reader, out string? why))
        {
            AddError(frame, pathToken, why);
            return;
        }

        var child = new ZoneFileFrame(reader, true, display, fullPath, origin, frame.Owner);
        _stack.Add(child);
    }

    private string DescribeStack(string next)
    {
        var parts = new List<string>(_stack.Count + 1);
        foreach (ZoneFileFrame open in _stack)
        {
            parts.Add(open.File);
        }

        parts.Add(next);
        return string.Join(" -> ", parts);
    }

    /// <summary>File names may use escapes ("my\ zone") like any other field.</summary>
    private static string DecodePath(string raw) =>
        raw.Contains('\\') ? System.Text.Encoding.UTF8.GetString(RdataTextReader.DecodeEscapes(raw)) : raw;
}
