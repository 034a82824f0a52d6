using System.Security.Cryptography;

namespace SplitDns.Blocking.Parsing;

/// <summary>
/// Parses a list stream line by line into a builder of its own (so a bad list never touches the
/// serving index). Invalid lines are counted and the first <see cref="BlocklistState.MaxProblems"/>
/// kept with their line numbers; nothing in a list is fatal.
/// </summary>
internal static class ListParser
{
    public static ParsedList Parse(Stream stream, BlocklistFormat format, int list, long sizeHint = 0)
    {
        // ~26-30 bytes of list text per name is typical (hosts lines are longer, domain lines shorter);
        // the arena is sized from the text so a large list does not grow (and copy) it while parsing.
        var builder = new BlockingIndexBuilder((int)Math.Min(sizeHint / 28, 1 << 24), sizeHint + (sizeHint / 4));
        var sink = new EntrySink(builder, list);
        var problems = new List<ListProblem>();
        int invalid = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var reader = new LineReader(stream, hash))
        {
            while (reader.TryReadLine(out ReadOnlySpan<byte> line, out bool tooLong))
            {
                string? reason;
                LineOutcome outcome = tooLong
                    ? Invalid($"line longer than {LineReader.MaxLineLength} bytes", out reason)
                    : LineRules.Parse(format, line, sink, out reason);
                if (outcome != LineOutcome.Invalid)
                {
                    continue;
                }

                invalid++;
                if (problems.Count < BlocklistState.MaxProblems)
                {
                    problems.Add(new ListProblem(reader.LineNumber, reason ?? "invalid line"));
                }
            }
        }

        return new ParsedList { Entries = builder, Count = builder.Count, InvalidLines = invalid, Problems = problems, ContentHash = hash.GetHashAndReset() };
    }

    /// <summary>Parses a file (see <see cref="Parse(Stream, BlocklistFormat, int, long)"/>).</summary>
    public static ParsedList ParseFile(string path, BlocklistFormat format, int list)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        return Parse(file, format, list, file.Length);
    }

    private static LineOutcome Invalid(string text, out string? reason)
    {
        reason = text;
        return LineOutcome.Invalid;
    }
}
