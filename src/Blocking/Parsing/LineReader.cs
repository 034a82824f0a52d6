using System.Buffers;
using System.Security.Cryptography;

namespace SplitDns.Blocking.Parsing;

/// <summary>
/// Splits a stream into lines of bytes through one bounded buffer (nothing of the file is kept
/// as a string); '\r\n' and '\n' end lines and a UTF-8 BOM is dropped. A line longer than the
/// buffer is reported once as too long and skipped. Every byte read also goes into
/// <paramref name="hash"/> when given (to tell identical content apart from new content).
/// </summary>
internal sealed class LineReader : IDisposable
{
    public const int MaxLineLength = 16 * 1024;

    private readonly Stream _stream;
    private readonly IncrementalHash? _hash;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    private int _start;
    private int _end;
    private bool _eof;
    private bool _first = true;

    public LineReader(Stream stream, IncrementalHash? hash = null)
    {
        _stream = stream;
        _hash = hash;
    }

    /// <summary>1-based number of the line last returned.</summary>
    public int LineNumber { get; private set; }

    /// <summary>The next line without its terminator; <paramref name="tooLong"/> when it was cut off and skipped. False at the end.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line, out bool tooLong)
    {
        tooLong = false;
        while (true)
        {
            int newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = Take(newline, newline + 1);
                return true;
            }

            if (_eof)
            {
                if (_start == _end)
                {
                    line = default;
                    return false;
                }

                line = Take(_end - _start, _end - _start);
                return true;
            }

            if (_end - _start >= MaxLineLength)
            {
                SkipRestOfLine();
                LineNumber++;
                tooLong = true;
                line = default;
                return true;
            }

            Fill();
        }
    }

    private ReadOnlySpan<byte> Take(int length, int consumed)
    {
        ReadOnlySpan<byte> line = _buffer.AsSpan(_start, length);
        _start += consumed;
        LineNumber++;
        if (_first)
        {
            _first = false;
            if (line.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                line = line[3..];
            }
        }

        return line.Length > 0 && line[^1] == '\r' ? line[..^1] : line;
    }

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
            return;
        }

        _hash?.AppendData(_buffer, _end, read);
        _end += read;
    }

    private void SkipRestOfLine()
    {
        _first = false;
        while (true)
        {
            _start = _end = 0;
            Fill();
            if (_eof)
            {
                return;
            }

            int newline = _buffer.AsSpan(0, _end).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _start = newline + 1;
                return;
            }
        }
    }

    public void Dispose()
    {
        byte[] buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
