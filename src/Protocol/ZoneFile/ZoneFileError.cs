using System.Globalization;

namespace SplitDns.Protocol.ZoneFile;

/// <summary>
/// One problem found in a zone file, at a 1-based line and column. <see cref="ToString"/> is the
/// compiler-style "file:line:column: reason" that editors and CI logs can jump to.
/// </summary>
public sealed record ZoneFileError(string File, int Line, int Column, string Message)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}:{Column}: {Message}");
}
