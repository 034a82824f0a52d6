using System.Net;
using SplitDns.Forwarders;
using SplitDns.Forwarders.Upstreams;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Hosting;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.Tests.Processing;

/// <summary>
/// RA (RFC 1035 §4.1.1) on every response to a client for whom recursion is available, as BIND
/// sets it, and the RD=0 rules of the forward step. The upstream (127.0.0.1:9, discard) is never
/// asked anything here: every query is answered from the zones or refused before forwarding.
/// </summary>
public sealed class RecursionAvailableTests : IDisposable
{
    private static readonly IPEndPoint s_inside = new(IPAddress.Loopback, 40000);
    private static readonly IPEndPoint s_outside = new(IPAddress.Parse("203.0.113.9"), 40000);

    private readonly Harness _h = Harness.WithFixtures(new ServerSettings
    {
        Forwarders = new ForwardersOptions
        {
            Upstream = { new UpstreamEndpoint { Transport = UpstreamTransportKind.Udp, Address = IPAddress.Loopback, Port = 9 } },
        },
    }, "referral-glue.referral.zone", "chains.cname.zone", "rfc4592.zone");

    public void Dispose() => _h.Dispose();

    [Theory]
    [InlineData("host1.example.", RecordType.A, DnsRcode.NoError)]
    [InlineData("nope.chains.test.", RecordType.A, DnsRcode.NxDomain)]
    [InlineData("host1.example.", RecordType.MX, DnsRcode.NoError)]
    public void Process_AuthoritativeToClientInsideAcl_RaSet(string name, RecordType type, DnsRcode rcode)
    {
        foreach (bool socketAddress in new[] { true, false })
        {
            SetClient(s_inside, socketAddress);
            DnsMessage r = _h.Query(name, type);

            Assert.Equal(rcode, r.Rcode);
            Assert.True(r.Header.AuthoritativeAnswer);
            Assert.True(r.Header.RecursionAvailable, $"socket address: {socketAddress}");
        }
    }

    [Fact]
    public void Process_AuthoritativeToClientOutsideAcl_RaClear()
    {
        foreach (bool socketAddress in new[] { true, false })
        {
            SetClient(s_outside, socketAddress);
            DnsMessage r = _h.Query("host1.example.", RecordType.A);

            Assert.True(r.Header.AuthoritativeAnswer);
            Assert.False(r.Header.RecursionAvailable);
        }
    }

    [Fact]
    public void Process_NoForwardingConfigured_RaClearEvenInsideAcl()
    {
        using Harness plain = Harness.WithFixtures("referral-glue.referral.zone");
        plain.SetClient(s_inside.Serialize());

        Assert.False(plain.Query("host1.example.", RecordType.A).Header.RecursionAvailable);
    }

    [Fact]
    public void Process_FormErrAndNotImpToClientInsideAcl_RaSet()
    {
        SetClient(s_inside, socketAddress: true);
        byte[] query = Harness.BuildQuery("host1.example.", RecordType.A);
        byte[] truncated = query[..(query.Length - 3)];
        byte[] status = (byte[])query.Clone();
        status[2] = (byte)(status[2] & 0x87 | ((int)DnsOpcode.Status << 3));

        Assert.True(DnsMessage.Parse(_h.Send(truncated)!).Header.RecursionAvailable);
        Assert.True(DnsMessage.Parse(_h.Send(status)!).Header.RecursionAvailable);
    }

    [Fact]
    public void Process_RdClearNameNotServedNotCached_RefusedEde20NotForwarded()
    {
        SetClient(s_inside, socketAddress: true);
        DnsMessage r = _h.Query("uncached.test.", RecordType.A, edit: q => q.Header.RecursionDesired = false);

        Assert.Equal(DnsRcode.Refused, r.Rcode);
        Assert.Equal(ExtendedDnsErrorCode.NotAuthoritative, Assert.Single(r.Edns!.GetExtendedErrors()).Code);
        Assert.True(r.Header.RecursionAvailable);
        Assert.False(r.Header.RecursionDesired);

        // Had it been forwarded, the silent upstream would have made it SERVFAIL (EDE 22).
    }

    [Fact]
    public void Process_RdClearOutsideAcl_RefusedEde18()
    {
        SetClient(s_outside, socketAddress: true);
        DnsMessage r = _h.Query("uncached.test.", RecordType.A, edit: q => q.Header.RecursionDesired = false);

        Assert.Equal(DnsRcode.Refused, r.Rcode);
        Assert.Equal(ExtendedDnsErrorCode.Prohibited, Assert.Single(r.Edns!.GetExtendedErrors()).Code);
        Assert.False(r.Header.RecursionAvailable);
    }

    [Fact]
    public void Process_AuthoritativeHitWithForwardingAndSocketAddressClient_AllocatesNothing()
    {
        // STYLE rule 10 with the RA check on the path: address bytes compared in place.
        SetClient(s_inside, socketAddress: true);
        byte[] query = Harness.BuildQuery("host1.example.", RecordType.A);

        Assert.True(DnsMessage.Parse(_h.Send(query)!).Header.RecursionAvailable);
        Assert.Equal(0, _h.MeasureAllocations(query));
    }

    private void SetClient(IPEndPoint client, bool socketAddress)
    {
        if (socketAddress)
        {
            _h.SetClient(client.Serialize());
        }
        else
        {
            _h.SetClient(client);
        }
    }
}
