using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Tests.Wire;

/// <summary>Queries sent by real dig and kdig to a listener on 127.0.0.1, decoded by both parsers.</summary>
public partial class DnsMessageTests
{
    private const string Dig = "/usr/bin/dig";
    private const string Kdig = "/usr/bin/kdig";

    [Fact]
    public async Task Parse_DigDnssecCookieNsid_DecodesQuestionFlagsAndOptions()
    {
        byte[] wire = await LoopbackClientCapture.CaptureAsync(Dig, "@127.0.0.1", "-p", "{port}", "+tries=1", "+timeout=1",
            "example.com", "AAAA", "+dnssec", "+cookie", "+nsid");

        DnsMessage m = ParseBoth(wire, out ViewSummary v);

        Assert.Equal("example.com.", v.Name);
        Assert.Equal(RecordType.AAAA, v.Type);
        Assert.Equal(DnsClass.IN, v.Class);
        Assert.True(m.Header.RecursionDesired);
        Assert.False(m.Header.IsResponse);
        Assert.True(v.HasEdns && v.DnssecOk);
        Assert.Equal(0, v.EdnsVersion);
        Assert.Equal(m.Edns!.UdpPayloadSize, v.UdpPayloadSize);
        Assert.NotNull(m.Edns.Find(EdnsOptionCode.Nsid));
        Assert.Equal(0, m.Edns.Find(EdnsOptionCode.Nsid)!.Value.Data.Length);
        Assert.True(m.Edns.TryGetCookie(out ReadOnlySpan<byte> client, out ReadOnlySpan<byte> server));
        Assert.Equal(8, client.Length);
        Assert.Equal(0, server.Length);
        Assert.Equal(Convert.ToHexString(client), v.ClientCookieHex);
        AssertRoundTrip(m, wire);
    }

    [Fact]
    public async Task Parse_DigNoEdns_HasNoOpt()
    {
        byte[] wire = await LoopbackClientCapture.CaptureAsync(Dig, "@127.0.0.1", "-p", "{port}", "+tries=1", "+timeout=1",
            "example.com", "+noedns");

        DnsMessage m = ParseBoth(wire, out ViewSummary v);

        Assert.Equal("example.com.", v.Name);
        Assert.Equal(RecordType.A, v.Type);
        Assert.False(v.HasEdns);
        Assert.Null(m.Edns);
        Assert.Equal(0, m.Header.AdditionalCount);
        AssertRoundTrip(m, wire);
    }

    [Fact]
    public async Task Parse_DigSubnetBufsizeNorecurseCd_KeepsCaseFlagsAndSubnet()
    {
        byte[] wire = await LoopbackClientCapture.CaptureAsync(Dig, "@127.0.0.1", "-p", "{port}", "+tries=1", "+timeout=1",
            "Example.COM", "MX", "+bufsize=1400", "+subnet=192.0.2.0/24", "+norecurse", "+cd");

        DnsMessage m = ParseBoth(wire, out ViewSummary v);

        Assert.Equal("Example.COM.", v.Name);
        Assert.Equal(RecordType.MX, v.Type);
        Assert.False(m.Header.RecursionDesired);
        Assert.True(m.Header.CheckingDisabled);
        Assert.Equal(1400, v.UdpPayloadSize);
        Assert.False(v.DnssecOk);

        // RFC 7871 §6: FAMILY 1, SOURCE PREFIX-LENGTH 24, SCOPE 0, address truncated to 3 octets.
        Assert.Equal("0001180" + "0C00002", Convert.ToHexString(m.Edns!.Find(EdnsOptionCode.ClientSubnet)!.Value.Data.Span));
        AssertRoundTrip(m, wire);
    }

    [Fact]
    public async Task Parse_KdigPadding_PadsTo128AndDecodes()
    {
        byte[] wire = await LoopbackClientCapture.CaptureAsync(Kdig, "@127.0.0.1", "-p", "{port}", "+retry=0", "+timeout=1",
            "+padding", "example.com");

        DnsMessage m = ParseBoth(wire, out ViewSummary v);

        Assert.Equal("example.com.", v.Name);
        Assert.Equal(RecordType.A, v.Type);
        Assert.Equal(0, wire.Length % EdnsPadding.QueryBlockSize);
        EdnsOption padding = m.Edns!.Find(EdnsOptionCode.Padding)!.Value;
        Assert.True(padding.Data.Span.IndexOfAnyExcept((byte)0) < 0);
        Assert.True(v.HasPadding);
        AssertRoundTrip(m, wire);
    }

    [Fact]
    public async Task Parse_KdigPaddingLength200_CarriesExactPadding()
    {
        byte[] wire = await LoopbackClientCapture.CaptureAsync(Kdig, "@127.0.0.1", "-p", "{port}", "+retry=0", "+timeout=1",
            "+padding=200", "example.com");

        DnsMessage m = ParseBoth(wire, out _);

        Assert.Equal(200, m.Edns!.Find(EdnsOptionCode.Padding)!.Value.Data.Length);
        AssertRoundTrip(m, wire);
    }

    [Fact]
    public async Task Parse_KdigCookieNsidDnssec_DecodesOptions()
    {
        byte[] wire = await LoopbackClientCapture.CaptureAsync(Kdig, "@127.0.0.1", "-p", "{port}", "+retry=0", "+timeout=1",
            "+cookie", "+nsid", "+dnssec", "example.com", "TXT");

        DnsMessage m = ParseBoth(wire, out ViewSummary v);

        Assert.Equal(RecordType.TXT, v.Type);
        Assert.True(v.DnssecOk);
        Assert.NotNull(m.Edns!.Find(EdnsOptionCode.Nsid));
        Assert.Equal(16, v.ClientCookieHex.Length);
        AssertRoundTrip(m, wire);
    }

    [Fact]
    public async Task Parse_DigUnknownEdnsOption_KeptOpaque()
    {
        byte[] wire = await LoopbackClientCapture.CaptureAsync(Dig, "@127.0.0.1", "-p", "{port}", "+tries=1", "+timeout=1",
            "example.com", "+ednsopt=65001:abcd", "+noad");

        DnsMessage m = ParseBoth(wire, out _);

        Assert.False(m.Header.AuthenticData);
        Assert.Equal("ABCD", Convert.ToHexString(m.Edns!.Find((EdnsOptionCode)65001)!.Value.Data.Span));
        AssertRoundTrip(m, wire);
    }

    [Fact]
    public async Task Parse_DigTsigSigned_TsigLastAfterOpt()
    {
        byte[] wire = await LoopbackClientCapture.CaptureAsync(Dig, "@127.0.0.1", "-p", "{port}", "+tries=1", "+timeout=1",
            "-y", "hmac-sha256:k1:c2VjcmV0c2VjcmV0c2VjcmV0", "example.com", "SOA");

        DnsMessage m = ParseBoth(wire, out ViewSummary v);

        Assert.Equal(RecordType.SOA, v.Type);
        Assert.True(v.HasTsig);
        Assert.True(v.HasEdns);
        Assert.Equal("k1.", m.Tsig!.Name.ToString());
        Assert.Single(m.Additional);
        AssertRoundTrip(m, wire);
    }

    [Fact]
    public async Task Parse_DigReverseExpire_DecodesPtrQuestionAndEmptyExpire()
    {
        byte[] wire = await LoopbackClientCapture.CaptureAsync(Dig, "@127.0.0.1", "-p", "{port}", "+tries=1", "+timeout=1",
            "-x", "192.0.2.1", "+expire");

        DnsMessage m = ParseBoth(wire, out ViewSummary v);

        Assert.Equal("1.2.0.192.in-addr.arpa.", v.Name);
        Assert.Equal(RecordType.PTR, v.Type);
        Assert.Equal(0, m.Edns!.Find(EdnsOptionCode.Expire)!.Value.Data.Length);
        AssertRoundTrip(m, wire);
    }

    /// <summary>Parses with both parsers and checks they agree on the header and question.</summary>
    private static DnsMessage ParseBoth(byte[] wire, out ViewSummary summary)
    {
        DnsMessage m = DnsMessage.Parse(wire);
        Span<byte> name = stackalloc byte[255];
        QueryView view = QueryView.Parse(wire, name);
        string cookie = view.TryGetCookie(wire, out ReadOnlySpan<byte> client, out _) ? Convert.ToHexString(client) : string.Empty;
        summary = new ViewSummary(DnsName.FromWire(view.QuestionName).ToString(), view.QuestionType, view.QuestionClass,
            view.HasEdns, view.DnssecOk, view.UdpPayloadSize, view.EdnsVersion, view.HasTsig, cookie,
            view.TryGetOption(wire, EdnsOptionCode.Padding, out _));

        Assert.Equal(m.Header.Id, view.Header.Id);
        Assert.Equal(m.Header.Flags, view.Header.Flags);
        Assert.Single(m.Questions);
        Assert.True(m.Questions[0].Name.EqualsExact(DnsName.FromWire(view.QuestionName)));
        Assert.Equal(m.Questions[0].Type, view.QuestionType);
        Assert.Equal(m.Edns is not null, view.HasEdns);
        return m;
    }

    /// <summary>Re-encoding what a real client sent gives the same bytes (queries carry no compression).</summary>
    private static void AssertRoundTrip(DnsMessage m, byte[] wire) =>
        Assert.Equal(Convert.ToHexString(wire), Convert.ToHexString(m.ToArray()));

    private sealed record ViewSummary(string Name, RecordType Type, DnsClass Class, bool HasEdns, bool DnssecOk,
        ushort UdpPayloadSize, byte EdnsVersion, bool HasTsig, string ClientCookieHex, bool HasPadding);
}
