using SplitDns.Protocol.Edns;
using System.Net;
using System.Net.Sockets;
using SplitDns.Forwarders;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Tsig;
using SplitDns.Protocol.Wire;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.Server.Resolution;

/// <summary>
/// One query going through the chain: the question as received and the response being built.
/// Listeners own one context per receive loop or connection and reset it per query, so the
/// hot path allocates nothing. Steps must not keep a reference after they return.
/// </summary>
public sealed partial class QueryContext
{
    public const string DefaultView = "default";

    private readonly byte[] _nameBuffer = new byte[DnsName.MaxLength];
    private readonly DnsName[] _chain = new DnsName[MaxChainLength];
    private readonly byte[] _viewAddress = new byte[16];
    private int _viewAddressLength;
    private SocketAddress? _clientSocketAddress;
    private IPEndPoint? _clientEndPoint;

    /// <summary>Longest CNAME/DNAME chain followed inside served zones (loops stop here too).</summary>
    public const int MaxChainLength = 12;

    /// <summary>The question name in wire form, case as received (0x20 clients compare it).</summary>
    public DnsName QuestionName { get; private set; }

    public RecordType QuestionType { get; set; }

    public DnsClass QuestionClass { get; set; }

    public ushort Id { get; set; }

    public DnsTransport Transport { get; set; }

    public bool RecursionDesired { get; set; }

    public bool CheckingDisabled { get; set; }

    public bool HasEdns { get; set; }

    /// <summary>The DO bit of the query (RFC 3225), echoed in the response.</summary>
    public bool DnssecOk { get; set; }

    /// <summary>Bytes the response may use: the client's EDNS size (capped) or 512 over UDP, 65535 over TCP.</summary>
    public int MaxResponseSize { get; set; }

    /// <summary>
    /// The view chosen for this message (by client address and listener), once, before anything
    /// that depends on it; kept by <see cref="ResetResponse"/>. Null only before selection.
    /// </summary>
    public Views.DnsView? View { get; set; }

    /// <summary>The view's name for metrics and logs ("default" before selection).</summary>
    public string ViewName => View?.Name ?? DefaultView;

    /// <summary>
    /// Index of the DNS listener endpoint (SplitDns:Listen:Dns) the message arrived on, set by
    /// the listener; -1 when unknown (in-process callers). Views with Listen match on it.
    /// </summary>
    public int ListenerIndex { get; set; } = -1;

    /// <summary>
    /// The address views are selected by when it is not the client's own: the address of an EDNS
    /// Client Subnet option from a trusted forwarder (RFC 7871). Empty: the client's address.
    /// </summary>
    public ReadOnlySpan<byte> ViewAddress => _viewAddress.AsSpan(0, _viewAddressLength);

    internal void SetViewAddress(ReadOnlySpan<byte> address)
    {
        address.CopyTo(_viewAddress);
        _viewAddressLength = address.Length;
    }

    /// <summary>
    /// The Client Subnet option of the query when SplitDns used it (a trusted source): echoed in
    /// the response (RFC 7871 §7.2.1). Kept by <see cref="ResetResponse"/>, like the view.
    /// </summary>
    public ClientSubnet ClientSubnet { get; private set; }

    /// <summary>True when the response carries <see cref="ClientSubnet"/> back.</summary>
    public bool EchoClientSubnet { get; private set; }

    /// <summary>
    /// The edns-tcp-keepalive TIMEOUT (units of 100 ms) the response carries (RFC 7828 §3.3.1:
    /// a TCP query that asked for it); -1 for none. Set per query while decoding.
    /// </summary>
    public int KeepaliveTimeout { get; set; } = -1;

    /// <summary>
    /// Set by the UDP listener when its in-flight bound is reached (SplitDns:Limits:UdpQueriesInFlight):
    /// a query that would have to wait (forwarded, or a handler's) is dropped; the rest is answered.
    /// </summary>
    public bool AnswerNowOnly { get; set; }

    /// <summary>Uses the query's ECS: its address selects the view (when it has one) and the option is echoed.</summary>
    internal void SetClientSubnet(in ClientSubnet subnet)
    {
        ClientSubnet = subnet;
        EchoClientSubnet = true;
        if (subnet.SourcePrefixLength > 0)
        {
            _viewAddressLength = subnet.CopyAddressTo(_viewAddress);
        }
    }

    /// <summary>Forgets the previous message's ECS and view address: views go by the client again.</summary>
    internal void ClearClientSubnet()
    {
        _viewAddressLength = 0;
        EchoClientSubnet = false;
        ClientSubnet = default;
    }

    /// <summary>Who answers the name, decided once by the view's <see cref="NameRouter"/>.</summary>
    public QueryTarget Target { get; set; }

    /// <summary>The served zone that answers, when <see cref="Target"/> is <see cref="QueryTarget.Zone"/>.</summary>
    public ZoneSnapshot? Zone { get; set; }

    /// <summary>The upstream group to forward to, for a conditional or upstream target.</summary>
    public SplitDns.Forwarders.Upstreams.UpstreamGroup? ForwardGroup { get; set; }

    /// <summary>Tick count (<see cref="System.Diagnostics.Stopwatch"/>) when the packet was received.</summary>
    public long ReceivedAt { get; set; }

    public DnsRcode Rcode { get; set; }

    /// <summary>
    /// The name of the blocklist that answered this query (a string made at start-up), or null
    /// when it was not blocked. Set by the blocking step; read by the query log.
    /// </summary>
    public string? BlockedList { get; set; }

    public bool AuthoritativeAnswer { get; set; }

    /// <summary>
    /// Where steps record their decisions for an explained query; null for every client query
    /// (steps call it as <c>ctx.Trace?.…</c>). Kept by <see cref="ResetResponse"/>.
    /// </summary>
    public IQueryTrace? Trace { get; set; }

    /// <summary>
    /// RA (RFC 1035 §4.1.1): recursion is available to this client (inside the recursion ACL and
    /// forwarding configured). Set by the processor for every query before the chain runs and
    /// kept by <see cref="ResetResponse"/>, so every response to this client carries it (as BIND does).
    /// </summary>
    public bool RecursionAvailable { get; set; }

    public List<SectionEntry> Answer { get; } = new(8);

    public List<SectionEntry> Authority { get; } = new(8);

    public List<SectionEntry> Additional { get; } = new(8);

    public List<ExtendedDnsError> ExtendedErrors { get; } = new(2);

    /// <summary>
    /// The verified TSIG of a signed query (RFC 8945 §5.3): the response is signed with the request
    /// MAC chained in. Null for unsigned queries (the hot path).
    /// </summary>
    public TsigVerifyResult? Tsig { get; private set; }

    /// <summary>Octets kept free at the end of the response for the TSIG record.</summary>
    internal int TsigReserve { get; private set; }

    /// <summary>Marks the query as signed and shrinks <see cref="MaxResponseSize"/> so the TSIG still fits.</summary>
    internal void SetTsig(TsigVerifyResult tsig, int reserve)
    {
        Tsig = tsig;
        TsigReserve = reserve;
        MaxResponseSize -= reserve;
    }

    /// <summary>A forwarded answer, already encoded: the response writer copies it instead of the sections.</summary>
    public ForwardResult Forwarded { get; private set; }

    public bool HasForwarded { get; private set; }

    public void SetForwarded(ForwardResult result)
    {
        Forwarded = result;
        HasForwarded = true;
    }

    /// <summary>Drops the encoded answer after its records were moved into the sections (truncation path).</summary>
    internal void ClearForwarded()
    {
        Forwarded = default;
        HasForwarded = false;
    }

    /// <summary>Scratch for loop-safe CNAME chasing: names already visited in this query.</summary>
    internal Span<DnsName> ChainScratch => _chain;

    /// <summary>The client's address; materialized (allocated) on first use only.</summary>
    public IPEndPoint ClientEndPoint
    {
        get
        {
            if (_clientEndPoint is null && _clientSocketAddress is not null)
            {
                _clientEndPoint = (IPEndPoint)new IPEndPoint(IPAddress.Any, 0).Create(_clientSocketAddress);
            }

            return _clientEndPoint ?? new IPEndPoint(IPAddress.None, 0);
        }
    }

    /// <summary>Allocates an <see cref="IPEndPoint"/> for UDP clients: hot paths use <see cref="ClientSocketAddress"/>.</summary>
    public IPAddress ClientAddress => ClientEndPoint.Address;

    /// <summary>The client as the UDP receive filled it in (no allocation); null for TCP clients.</summary>
    public SocketAddress? ClientSocketAddress => _clientSocketAddress;

    /// <summary>True when the listener set a client (a socket address or an endpoint).</summary>
    public bool HasClientEndPoint => _clientEndPoint is not null || _clientSocketAddress is not null;

    /// <summary>
    /// The client (the transport peer, or a PROXY v2 header's source) is in <paramref name="networks"/>;
    /// checked on the socket address when the listener gave one (UDP), so nothing is allocated.
    /// </summary>
    public bool ClientIn(Networking.NetworkList networks) =>
        _clientSocketAddress is { } address ? networks.Contains(address) : HasClientEndPoint && networks.Contains(ClientEndPoint.Address);

    /// <summary>Sets the question name by copying the decoded wire bytes into this context's buffer.</summary>
    public void SetQuestionName(ReadOnlySpan<byte> wire)
    {
        wire.CopyTo(_nameBuffer);
        QuestionName = DnsName.FromValidatedWire(_nameBuffer, 0, wire.Length);
    }

    /// <summary>Where the decoder writes the question name; see <see cref="SetQuestionNameLength"/>.</summary>
    internal Span<byte> NameBuffer => _nameBuffer;

    /// <summary>Takes the first <paramref name="length"/> bytes of <see cref="NameBuffer"/> as the question name.</summary>
    internal void SetQuestionNameLength(int length) =>
        QuestionName = DnsName.FromValidatedWire(_nameBuffer, 0, length);

    public void SetClient(SocketAddress address)
    {
        _clientSocketAddress = address;
        _clientEndPoint = null;
    }

    public void SetClient(IPEndPoint? endPoint)
    {
        _clientSocketAddress = null;
        _clientEndPoint = endPoint;
    }

    /// <summary>
    /// Clears the response and per-query state; the client, the view and so
    /// <see cref="RecursionAvailable"/> stay as set for this query.
    /// </summary>
    public void ResetResponse()
    {
        Tsig = null;
        TsigReserve = 0;
        Rcode = DnsRcode.NoError;
        BlockedList = null;
        AuthoritativeAnswer = false;
        Target = QueryTarget.None;
        Zone = null;
        ForwardGroup = null;
        Answer.Clear();
        Authority.Clear();
        Additional.Clear();
        ExtendedErrors.Clear();
        ClearForwarded();
    }

    /// <summary>Adds an RRset to the answer with its own owner.</summary>
    public void AddAnswer(Rrset rrset) => Answer.Add(new SectionEntry(rrset.Owner, rrset));

    /// <summary>Adds records that do not come from a zone (forwarded answers); allocates.</summary>
    public void AddRecords(List<SectionEntry> section, IReadOnlyList<ResourceRecord> records)
    {
        var group = new List<ResourceRecord>();
        foreach (ResourceRecord rr in records)
        {
            if (group.Count > 0 && (group[0].Type != rr.Type || !group[0].Name.Equals(rr.Name)))
            {
                Rrset set = Rrset.FromRecords(group);
                section.Add(new SectionEntry(set.Owner, set));
                group.Clear();
            }

            group.Add(rr);
        }

        if (group.Count > 0)
        {
            Rrset set = Rrset.FromRecords(group);
            section.Add(new SectionEntry(set.Owner, set));
        }
    }

    public void AddExtendedError(ExtendedDnsError error) => ExtendedErrors.Add(error);
}
