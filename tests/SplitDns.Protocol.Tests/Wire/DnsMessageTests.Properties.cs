using FsCheck;
using FsCheck.Fluent;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Tests.Wire;

/// <summary>Property tests over generated whole messages (FsCheck, fixed test counts).</summary>
public partial class DnsMessageTests
{
    private static readonly Config s_config = Config.QuickThrowOnFailure.WithMaxTest(300);

    [Fact]
    public void ToArray_GeneratedMessage_RoundTripsByteExact()
    {
        Check.One(s_config, Prop.ForAll(MessageGenerators.Message().ToArbitrary(), m =>
        {
            byte[] once = m.ToArray();
            DnsMessage back = DnsMessage.Parse(once);
            byte[] twice = back.ToArray();
            return once.AsSpan().SequenceEqual(twice)
                && back.Questions.Count == m.Questions.Count
                && back.Answers.Count == m.Answers.Count
                && back.Authority.Count == m.Authority.Count
                && back.Additional.Count == m.Additional.Count
                && (back.Edns?.Options.Count ?? -1) == (m.Edns?.Options.Count ?? -1);
        }));
    }

    [Fact]
    public void TryWrite_Compressed_NeverLargerThanUncompressedAndSameMessage()
    {
        Check.One(s_config, Prop.ForAll(MessageGenerators.Message().ToArbitrary(), m =>
        {
            byte[] compressed = m.ToArray();
            byte[] buffer = new byte[65535];
            var writer = new DnsWriter(buffer);
            writer.DisableCompression();
            Assert.True(m.TryWrite(ref writer));
            byte[] uncompressed = writer.Written.ToArray();

            // Both forms decode to the same message, which re-encodes to the compressed bytes.
            return compressed.Length <= uncompressed.Length
                && DnsMessage.Parse(uncompressed).ToArray().AsSpan().SequenceEqual(compressed);
        }));
    }

    [Fact]
    public void TryWrite_SizeLimit_NeverExceedsLimitNorSplitsAnRrset()
    {
        Gen<(DnsMessage, double)> cases = MessageGenerators.Message(withTc: false)
            .SelectMany(m => Gen.Choose(0, 1000).Select(f => (m, f / 1000.0)));
        Check.One(s_config, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            (DnsMessage m, double fraction) = c;
            int full = m.ToArray().Length;
            int minimum = MinimumSize(m);
            int limit = minimum + (int)((full - minimum) * fraction);
            byte[] wire = m.ToArray(limit);
            DnsMessage back = DnsMessage.Parse(wire);

            bool answersWhole = back.Answers.Count == m.Answers.Count;
            bool authorityWhole = back.Authority.Count == m.Authority.Count;
            return wire.Length <= limit
                && IsRrsetPrefix(m.Answers, back.Answers)
                && IsRrsetPrefix(m.Authority, back.Authority)
                && IsRrsetPrefix(m.Additional, back.Additional)
                && back.Header.Truncated == !(answersWhole && authorityWhole)
                && (answersWhole || (back.Authority.Count == 0 && back.Additional.Count == 0))
                && (back.Edns is null) == (m.Edns is null)
                && (limit < full || wire.Length == full);
        }));
    }

    /// <summary>Size of header, questions and OPT: the least a truncated message can be.</summary>
    private static int MinimumSize(DnsMessage m)
    {
        var skeleton = new DnsMessage { Header = m.Header, Edns = m.Edns };
        skeleton.Questions.AddRange(m.Questions);
        return skeleton.ToArray().Length;
    }

    /// <summary>True when <paramref name="kept"/> is <paramref name="all"/> cut at an RRset boundary.</summary>
    private static bool IsRrsetPrefix(List<ResourceRecord> all, List<ResourceRecord> kept)
    {
        if (kept.Count > all.Count)
        {
            return false;
        }

        for (int i = 0; i < kept.Count; i++)
        {
            if (!kept[i].Name.EqualsExact(all[i].Name) || kept[i].Type != all[i].Type || !kept[i].Data.Equals(all[i].Data))
            {
                return false;
            }
        }

        return kept.Count == all.Count || kept.Count == 0 || !SameRrset(all[kept.Count - 1], all[kept.Count]);
    }

    private static bool SameRrset(ResourceRecord a, ResourceRecord b) =>
        a.Type == b.Type && a.Class == b.Class && a.Name.Equals(b.Name);
}
