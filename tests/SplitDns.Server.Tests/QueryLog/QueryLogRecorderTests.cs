using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Hosting;
using SplitDns.Server.QueryLog;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Tests.QueryLog;

/// <summary>
/// The answering path's side of the query log, in-process: what an entry holds, sampling, a full
/// queue, and that logging keeps an authoritative answer allocation-free (STYLE rule 10).
/// </summary>
public sealed class QueryLogRecorderTests
{
    private static readonly IPEndPoint s_client = new(IPAddress.Parse("127.0.0.9"), 40123);

    private static (Harness Harness, QueryLogRecorder Recorder) Create(int capacity = 10_000, double sampleRate = 1.0)
    {
        var recorder = new QueryLogRecorder(new QueryLogSettings { Enabled = true, QueueCapacity = capacity, SampleRate = sampleRate });
        var harness = new Harness(new ServerSettings(), s => s.AddSingleton(recorder));
        harness.Catalog.Publish(Harness.LoadFixture("rfc4592.zone"));
        harness.SetClient(s_client.Serialize());
        return (harness, recorder);
    }

    private static List<QueryLogEntry> Drain(QueryLogRecorder recorder)
    {
        var entries = new List<QueryLogEntry>();
        while (entries.Count < recorder.Ring.Capacity && recorder.Ring.TryRead(out QueryLogEntry e))
        {
            entries.Add(e);
        }

        return entries;
    }

    [Fact]
    public void Record_AuthoritativeHit_EntryHoldsTheQuery()
    {
        (Harness h, QueryLogRecorder recorder) = Create();
        using (h)
        {
            DateTime before = DateTime.UtcNow;
            h.Query("Host1.Example.", RecordType.A);

            QueryLogEntry e = Assert.Single(Drain(recorder));
            Assert.Equal("05486f737431074578616d706c6500", Convert.ToHexString(((ReadOnlySpan<byte>)e.Name)[..e.NameLength]), ignoreCase: true);
            Assert.Equal([127, 0, 0, 9], ((ReadOnlySpan<byte>)e.Client)[..e.ClientLength].ToArray());
            Assert.Equal(40123, e.ClientPort);
            Assert.Equal(DnsTransport.Udp, e.Transport);
            Assert.Equal((ushort)RecordType.A, e.QType);
            Assert.Equal((ushort)DnsClass.IN, e.QClass);
            Assert.Equal((ushort)DnsRcode.NoError, e.Rcode);
            Assert.Equal(AnswerSource.Authoritative, e.Source);
            Assert.Equal(QueryContext.DefaultView, e.View);
            Assert.Null(e.BlockedList);
            Assert.Null(e.Upstream);
            Assert.Equal(-1, e.ExtendedError);
            Assert.True(e.ResponseSize > DnsHeader.Size);
            Assert.InRange(new DateTime(e.ReceivedTicks, DateTimeKind.Utc), before.AddSeconds(-1), DateTime.UtcNow.AddSeconds(1));
        }
    }

    [Fact]
    public void Record_NotServedName_RefusedWithEde()
    {
        (Harness h, QueryLogRecorder recorder) = Create();
        using (h)
        {
            h.Query("elsewhere.test.", RecordType.A);

            QueryLogEntry e = Assert.Single(Drain(recorder));
            Assert.Equal(AnswerSource.Refused, e.Source);
            Assert.Equal((ushort)DnsRcode.Refused, e.Rcode);
            Assert.Equal(20, e.ExtendedError); // RFC 8914 §4.21 Not Authoritative
        }
    }

    [Fact]
    public void Process_AuthoritativeHitWithLogOn_AllocatesNothing()
    {
        (Harness h, QueryLogRecorder recorder) = Create();
        using (h)
        {
            Assert.Equal(0, h.MeasureAllocations(Harness.BuildQuery("host1.example.", RecordType.A)));
            Assert.Equal(110, recorder.Ring.Count);
        }
    }

    [Fact]
    public void Process_QueueFull_DropsCountedAndAnswersStillAllocateNothing()
    {
        (Harness h, QueryLogRecorder recorder) = Create(capacity: 4);
        using (h)
        {
            Assert.Equal(0, h.MeasureAllocations(Harness.BuildQuery("host1.example.", RecordType.A), iterations: 50));

            Assert.Equal(4, recorder.Ring.Count);
            Assert.Equal(60 - 4, recorder.Metrics.Dropped);
            Assert.Equal(4, Drain(recorder).Count);
            h.Query("host1.example.", RecordType.A);
            Assert.Single(Drain(recorder));
        }
    }

    [Fact]
    public void Record_SampleRateHalf_LogsAboutHalfAndCountsTheRest()
    {
        (Harness h, QueryLogRecorder recorder) = Create(sampleRate: 0.5);
        using (h)
        {
            byte[] query = Harness.BuildQuery("host1.example.", RecordType.A);
            for (int i = 0; i < 1000; i++)
            {
                h.Send(query);
            }

            // Binomial(1000, 0.5): ±150 is over 9 standard deviations.
            Assert.Equal(1000, recorder.Ring.Count + recorder.Metrics.SampledOut);
            Assert.InRange(recorder.Ring.Count, 350, 650);
        }
    }

    [Fact]
    public void Ring_WrapsAroundManyTimes_KeepsOrder()
    {
        var ring = new QueryLogRing(3);
        for (int i = 0; i < 20; i++)
        {
            ref QueryLogEntry slot = ref ring.TryReserve(out long ticket);
            slot.QType = (ushort)i;
            ring.Publish(ticket);
            Assert.True(ring.TryRead(out QueryLogEntry read));
            Assert.Equal(i, read.QType);
        }

        Assert.False(ring.TryRead(out _));
    }

    [Fact]
    public void AnswerSourceText_IsAppendOnlyGolden()
    {
        // Persisted in the store's source column and searched by: never rename, only append.
        string[] expected = ["error", "authoritative", "cached", "forwarded", "stale", "blocked", "refused", "chaos", "forward_failed"];
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], AnswerSourceText.ToText((AnswerSource)i));
        }

        Assert.Equal(expected.Length, Enum.GetValues<AnswerSource>().Length);
    }
}
