using SplitDns.Protocol.Names;

namespace SplitDns.Protocol.ZoneFile;

/// <summary>
/// One file on the $INCLUDE stack: its reader, lexer and the per-file state RFC 1035 §5.1
/// scopes to a file (origin and current owner; "$INCLUDE ... does not change the origin of
/// the parent file").
/// </summary>
internal sealed class ZoneFileFrame : IDisposable
{
    private readonly TextReader _reader;
    private readonly bool _ownsReader;

    public ZoneFileFrame(TextReader reader, bool ownsReader, string file, string fullPath, DnsName origin, DnsName? owner)
    {
        _reader = reader;
        _ownsReader = ownsReader;
        Lexer = new ZoneLexer(reader) { DeferOwners = true };
        File = file;
        FullPath = fullPath;
        Origin = origin;
        Owner = owner;
    }

    public ZoneLexer Lexer { get; }

    /// <summary>The name shown in errors (as given, or joined to the including file's folder).</summary>
    public string File { get; }

    /// <summary>Absolute path, for include-cycle detection and resolving nested includes.</summary>
    public string FullPath { get; }

    public DnsName Origin { get; set; }

    /// <summary>The last owner name, used by entries that start with a blank.</summary>
    public DnsName? Owner { get; set; }

    /// <summary>The last owner name was invalid (its blank-owner followers are skipped quietly).</summary>
    public bool OwnerFailed { get; set; }

    public void Dispose()
    {
        if (_ownsReader)
        {
            _reader.Dispose();
        }
    }
}
