using System.Text;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.ZoneFile;

namespace SplitDns.Protocol.Tests.ZoneFile;

public partial class ZoneFileReaderTests
{
    [Fact]
    public void Parse_TextReaderWithVirtualName_IncludesRelativeToThatName()
    {
        string virtualName = ZoneFixtures.PathOf("virtual.zone");

        ZoneParseResult result = ZoneFileParser.ParseText("$TTL 5\n$INCLUDE rfc1035-mailboxes.inc\n", virtualName, s_origin);

        Assert.Empty(result.Errors);
        Assert.Equal(4, result.Records.Count);
        Assert.Equal("MOE.example.com.", result.Records[0].Name.ToString());
    }

    [Fact]
    public void Parse_IncludeNotAllowed_Error()
    {
        ZoneParseResult result = ZoneFileParser.ParseText(
            "$INCLUDE rfc1035-mailboxes.inc\n", ZoneFixtures.PathOf("virtual.zone"), s_origin, new ZoneParseOptions { AllowInclude = false });

        Assert.Contains("not allowed", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
        Assert.Empty(result.Records);
    }

    [Fact]
    public void Parse_IncludeDeeperThanLimit_ErrorInTheDeepestFile()
    {
        string dir = Directory.CreateTempSubdirectory("zonefile-depth-").FullName;
        try
        {
            for (int i = 0; i < 5; i++)
            {
                File.WriteAllText(Path.Combine(dir, $"d{i}.zone"), $"$TTL 1\nn{i} A 192.0.2.{i}\n$INCLUDE d{i + 1}.zone\n");
            }

            File.WriteAllText(Path.Combine(dir, "d5.zone"), "n5 A 192.0.2.5\n");

            ZoneParseResult result = ZoneFileParser.Parse(Path.Combine(dir, "d0.zone"), s_origin, new ZoneParseOptions { MaxIncludeDepth = 2 });

            ZoneFileError error = Assert.Single(result.Errors);
            Assert.Equal("d2.zone", Path.GetFileName(error.File));
            Assert.Equal(3, error.Line);
            Assert.Equal(3, result.Records.Count);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Parse_SelfInclude_CycleErrorOnce()
    {
        string dir = Directory.CreateTempSubdirectory("zonefile-self-").FullName;
        try
        {
            string file = Path.Combine(dir, "self.zone");
            File.WriteAllText(file, "$TTL 1\na A 192.0.2.1\n$INCLUDE ./self.zone\n");

            ZoneParseResult result = ZoneFileParser.Parse(file, s_origin);

            Assert.Contains("cycle", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
            Assert.Single(result.Records);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void TryRead_LargeGeneratedStream_StreamsEveryRecord()
    {
        const int count = 50_000;
        using var text = new GeneratedZoneReader(count);
        using var reader = new ZoneFileReader(text, "generated.zone", s_origin);

        int seen = 0;
        ResourceRecord? last = null;
        while (reader.TryRead(out ResourceRecord? record))
        {
            seen++;
            last = record;
        }

        Assert.Empty(reader.Errors);
        Assert.Equal(count + 1, seen);
        Assert.Equal($"h{count - 1}.example.com.", last!.Name.ToString());
    }

    /// <summary>Produces zone text on demand, so the test itself never holds the whole file.</summary>
    private sealed class GeneratedZoneReader : TextReader
    {
        private readonly int _count;
        private readonly StringBuilder _line = new();
        private int _next = -1;
        private int _offset;

        public GeneratedZoneReader(int count) => _count = count;

        public override int Read(char[] buffer, int index, int count)
        {
            if (_offset >= _line.Length)
            {
                if (_next >= _count)
                {
                    return 0;
                }

                _line.Clear();
                _line.Append(_next < 0 ? "$TTL 300\n@ SOA ns hm 1 2 3 4 5\n" : $"h{_next} A 10.{(_next >> 16) & 255}.{(_next >> 8) & 255}.{_next & 255} ; c\n");
                _next++;
                _offset = 0;
            }

            int n = Math.Min(count, _line.Length - _offset);
            _line.CopyTo(_offset, buffer.AsSpan(index, n), n);
            _offset += n;
            return n;
        }
    }
}
