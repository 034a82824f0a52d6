using System.Buffers;
using System.Runtime.CompilerServices;
using SplitDns.Protocol.Records;

namespace SplitDns.Protocol.ZoneFile;

/// <summary>
/// Splits master-file text into entries of tokens (RFC 1035 §5.1), streaming from a
/// <see cref="TextReader"/> through a fixed buffer so a large file is never held whole.
/// Handles blanks, comments, parentheses across lines and quoted strings; escapes stay raw in
/// the token text (see <see cref="RdataToken"/>) and are decoded by whoever reads the field.
/// </summary>
internal sealed class ZoneLexer
{
    private const int MaxTokenLength = 256 * 1024;
    private static readonly SearchValues<char> s_wordStops = SearchValues.Create(" \t\r\n\f\v();\"\\");
    private static readonly SearchValues<char> s_quotedStops = SearchValues.Create("\"\\\n");
    private readonly ZoneTokenCache _tokenCache = new();
    private readonly TextReader _reader;
    private readonly char[] _buffer = new char[32 * 1024];
    private char[] _scratch = new char[256];
    private int _pos;
    private int _len;
    private int _line = 1;
    private int _column = 1;
    private int _parenDepth;
    private int _parenLine;
    private int _parenColumn;
    private bool _lineStartsBlank;

    public ZoneLexer(TextReader reader) => _reader = reader;

    /// <summary>
    /// A plain owner name (no escape, ASCII, not a $directive) is kept in the entry
    /// (<see cref="ZoneEntry.OwnerText"/>) and its token's text left empty, so a million
    /// owners are not a million strings. The zone-file reader sets it; off, every token has its text.
    /// </summary>
    public bool DeferOwners { get; init; }

    /// <summary>
    /// Reads the next entry into <paramref name="entry"/>. Blank and comment-only lines yield
    /// nothing. Returns false at the end of the text.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryReadEntry(ZoneEntry entry)
    {
        entry.Reset();
        while (true)
        {
            int c = Peek();
            if (c < 0)
            {
                if (_parenDepth > 0)
                {
                    entry.Faults.Add((_parenLine, _parenColumn, "'(' is never closed"));
                    _parenDepth = 0;
                }

                return entry.Tokens.Count > 0 || entry.IsFaulted;
            }

            if (_column == 1)
            {
                _lineStartsBlank = c is ' ' or '\t';
            }

            if (Step(entry, (char)c))
            {
                return true;
            }
        }
    }

    /// <summary>Consumes one token or delimiter. True when a newline ends a non-empty entry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Step(ZoneEntry entry, char c)
    {
        switch (c)
        {
            case '\n':
                Advance();
                return _parenDepth == 0 && (entry.Tokens.Count > 0 || entry.IsFaulted);
            case ' ' or '\t' or '\r' or '\f' or '\v':
                Advance();
                return false;
            case ';':
                SkipComment();
                return false;
            case '(':
                if (_parenDepth++ == 0)
                {
                    _parenLine = _line;
                    _parenColumn = _column;
                }

                Advance();
                return false;
            case ')':
                if (_parenDepth == 0)
                {
                    entry.Faults.Add((_line, _column, "')' without a matching '('"));
                }
                else
                {
                    _parenDepth--;
                }

                Advance();
                return false;
            case '"':
                ReadQuoted(entry);
                return false;
            default:
                ReadWord(entry);
                return false;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadWord(ZoneEntry entry)
    {
        int line = _line;
        int column = _column;

        // Fast path: the word ends inside the buffer and holds no escape.
        ReadOnlySpan<char> rest = _buffer.AsSpan(_pos, _len - _pos);
        int end = rest.IndexOfAny(s_wordStops);
        if (end > 0 && rest[end] != '\\')
        {
            ReadOnlySpan<char> word = rest[..end];
            if (DeferOwners && entry.Tokens.Count == 0 && !_lineStartsBlank && word[0] != '$' && !word.ContainsAnyExceptInRange('\0', '\x7f'))
            {
                // An owner name (or what ends as an error naming it): no string.
                entry.DeferOwner(word);
                _pos += end;
                _column += end;
                AddToken(entry, new RdataToken(string.Empty, false, line, column));
                return;
            }

            string text = _tokenCache.Get(word);
            _pos += end;
            _column += end;
            AddToken(entry, new RdataToken(text, false, line, column));
            return;
        }

        int n = 0;
        while (true)
        {
            int c = Peek();
            if (c < 0 || c is ' ' or '\t' or '\r' or '\n' or '\f' or '\v' or '(' or ')' or ';' or '"')
            {
                break;
            }

            Advance();
            Append(ref n, (char)c);
            if (c == '\\')
            {
                // An escaped delimiter ("\;", "\(", "\ ") belongs to the word (RFC 1035 §5.1).
                int d = Peek();
                if (d >= 0 && d != '\n')
                {
                    Advance();
                    Append(ref n, (char)d);
                }
            }
        }

        AddToken(entry, new RdataToken(new string(_scratch, 0, n), false, line, column));
    }

    private void ReadQuoted(ZoneEntry entry)
    {
        int line = _line;
        int column = _column;
        Advance();

        // Fast path: the closing quote is in the buffer with no escape or newline before it.
        ReadOnlySpan<char> rest = _buffer.AsSpan(_pos, _len - _pos);
        int end = rest.IndexOfAny(s_quotedStops);
        if (end >= 0 && rest[end] == '"')
        {
            string text = _tokenCache.Get(rest[..end]);
            _pos += end + 1;
            _column += end + 1;
            AddToken(entry, new RdataToken(text, true, line, column));
            return;
        }

        int n = 0;
        while (true)
        {
            int c = Peek();
            if (c < 0 || c == '\n')
            {
                // As in BIND, a quoted string ends on its line; the entry is dropped.
                entry.Faults.Add((line, column, "quoted string is not closed on its line"));
                return;
            }

            Advance();
            if (c == '"')
            {
                break;
            }

            Append(ref n, (char)c);
            if (c == '\\')
            {
                int d = Peek();
                if (d >= 0 && d != '\n')
                {
                    Advance();
                    Append(ref n, (char)d);
                }
            }
        }

        AddToken(entry, new RdataToken(new string(_scratch, 0, n), true, line, column));
    }

    private void AddToken(ZoneEntry entry, RdataToken token)
    {
        if (token.Text.AsSpan().ContainsAnyExceptInRange('\0', '\x7f'))
        {
            token = token with { Text = ZoneText.EscapeNonAscii(token.Text) };
        }

        if (entry.Tokens.Count == 0)
        {
            entry.OwnerOmitted = _lineStartsBlank;
        }

        entry.Tokens.Add(token);
    }

    private void SkipComment()
    {
        while (true)
        {
            if (_pos >= _len && !Fill())
            {
                return;
            }

            int newline = _buffer.AsSpan(_pos, _len - _pos).IndexOf('\n');
            int end = newline < 0 ? _len : _pos + newline;
            _column += end - _pos;
            _pos = end;
            if (newline >= 0)
            {
                return;
            }
        }
    }

    private void Append(ref int n, char c)
    {
        if (n == MaxTokenLength)
        {
            // Past any sensible field (64 KiB of RDATA as hex is 128 Ki chars): stop growing and
            // let the field's own parser reject the truncated text.
            return;
        }

        if (n == _scratch.Length)
        {
            Array.Resize(ref _scratch, _scratch.Length * 2);
        }

        _scratch[n++] = c;
    }

    private int Peek() => _pos < _len || Fill() ? _buffer[_pos] : -1;

    private void Advance()
    {
        if (_buffer[_pos++] == '\n')
        {
            _line++;
            _column = 1;
        }
        else
        {
            _column++;
        }
    }

    private bool Fill()
    {
        _len = _reader.Read(_buffer, 0, _buffer.Length);
        _pos = 0;
        return _len > 0;
    }
}
