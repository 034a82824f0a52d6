using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;

namespace SplitDns.Protocol.ZoneFile;

/// <summary>
/// Streams the records of an RFC 1035 §5 master file one at a time, following $INCLUDE, so a
/// zone of millions of records is never held as text. Bad entries are reported in
/// <see cref="Errors"/> with file:line:column and skipped; reading goes on to find the rest.
/// </summary>
/// <remarks>
/// Supported: $ORIGIN, $TTL (RFC 2308 §4), $INCLUDE (relative to the including file; cycles and
/// depth are bounded), "@", relative names, omitted owner / TTL / class, TTL and class in either
/// order, TTL units, TYPEnnn / CLASSnnn and the RFC 3597 "\#" form. Default TTL follows BIND:
/// $TTL, else the last explicit TTL, else the SOA MINIMUM (with a warning).
/// </remarks>
public sealed partial class ZoneFileReader : IDisposable
{
    private readonly ZoneParseOptions _options;
    private readonly List<ZoneFileFrame> _stack = [];
    private readonly List<ZoneFileError> _errors = [];
    private readonly List<ZoneFileError> _warnings = [];
    private readonly ZoneEntry _entry = new();
    private readonly List<RdataToken> _rdata = new(16);
    private readonly RdataTextReader _rdataReader = new([], DnsName.Root);
    private readonly ZoneTtlTracker _ttls = new();
    private readonly DnsNameArena _names = new();
    private bool _stopped;

    /// <summary>
    /// Reads the file at <paramref name="path"/>; a missing file is an error (line and column 0:
    /// the file as a whole), not an exception.
    /// </summary>
    public ZoneFileReader(string path, DnsName? origin, ZoneParseOptions? options = null)
    {
        _options = options ?? ZoneParseOptions.Default;
        if (string.IsNullOrWhiteSpace(path))
        {
            AddError(path ?? string.Empty, 0, 0, "no zone file name given");
            return;
        }

        string fullPath = Path.GetFullPath(path);
        if (TryOpen(fullPath, out TextReader? reader, out string? why))
        {
            _stack.Add(new ZoneFileFrame(reader, true, path, fullPath, origin ?? DnsName.Root, null));
        }
        else
        {
            AddError(path, 0, 0, why);
        }
    }

    /// <summary>
    /// Reads text from <paramref name="reader"/>, named <paramref name="fileName"/> in errors;
    /// relative $INCLUDE paths are taken from that name's folder. The reader is not disposed.
    /// </summary>
    public ZoneFileReader(TextReader reader, string fileName, DnsName? origin, ZoneParseOptions? options = null)
    {
        _options = options ?? ZoneParseOptions.Default;
        _stack.Add(new ZoneFileFrame(reader, false, fileName, Path.GetFullPath(fileName), origin ?? DnsName.Root, null));
    }

    /// <summary>Errors so far, in file order. Reading stops after <see cref="ZoneParseOptions.MaxErrors"/>.</summary>
    public IReadOnlyList<ZoneFileError> Errors => _errors;

    public IReadOnlyList<ZoneFileError> Warnings => _warnings;

    /// <summary>Reads the next record. False at the end of the top file (or after too many errors).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryRead([NotNullWhen(true)] out ResourceRecord? record)
    {
        while (_stack.Count > 0 && !_stopped)
        {
            ZoneFileFrame frame = _stack[^1];
            if (!frame.Lexer.TryReadEntry(_entry))
            {
                _stack.RemoveAt(_stack.Count - 1);
                frame.Dispose();
                continue;
            }

            if (_entry.IsFaulted)
            {
                foreach ((int line, int column, string message) in _entry.Faults)
                {
                    AddError(frame.File, line, column, message);
                }

                continue;
            }

            record = ReadEntry(frame);
            if (record is not null)
            {
                return true;
            }
        }

        record = null;
        return false;
    }

    /// <summary>All remaining records, lazily. Check <see cref="Errors"/> when it is done.</summary>
    public IEnumerable<ResourceRecord> ReadAll()
    {
        while (TryRead(out ResourceRecord? record))
        {
            yield return record;
        }
    }

    public void Dispose()
    {
        foreach (ZoneFileFrame frame in _stack)
        {
            frame.Dispose();
        }

        _stack.Clear();
    }

    private void AddError(string file, int line, int column, string message)
    {
        if (_stopped)
        {
            return;
        }

        _errors.Add(new ZoneFileError(file, line, column, message));
        if (_errors.Count >= _options.MaxErrors)
        {
            _errors.Add(new ZoneFileError(file, line, column, $"too many errors ({_errors.Count}); giving up"));
            _stopped = true;
        }
    }

    private void AddError(ZoneFileFrame frame, RdataToken at, string message) =>
        AddError(frame.File, at.Line, at.Column, message);

    private void AddWarning(ZoneFileFrame frame, RdataToken at, string message) =>
        _warnings.Add(new ZoneFileError(frame.File, at.Line, at.Column, message));

    private static bool TryOpen(string fullPath, [NotNullWhen(true)] out TextReader? reader, [NotNullWhen(false)] out string? why)
    {
        try
        {
            // A large buffer: zone files are read front to back once.
            reader = new StreamReader(fullPath, System.Text.Encoding.UTF8, true, new FileStreamOptions
            {
                Access = FileAccess.Read,
                Share = FileShare.Read,
                BufferSize = 64 * 1024,
                Options = FileOptions.SequentialScan,
            });
            why = null;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            reader = null;
            why = e is FileNotFoundException or DirectoryNotFoundException
                ? $"cannot open '{fullPath}': no such file"
                : $"cannot open '{fullPath}': {e.Message}";
            return false;
        }
    }
}
