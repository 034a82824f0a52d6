using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;

namespace SplitDns.Forwarders.Cache;

/// <summary>
/// What a cached answer depends on: the question (name compared case-insensitively, RFC 4343),
/// the DO and CD bits, which change what an upstream returns (RFC 4035 §3.2, §3.2.2), and the
/// upstream group that answered (<see cref="Upstreams.UpstreamGroup.Id"/>): views that forward
/// to different servers keep apart, views that share servers share entries.
/// </summary>
public readonly record struct CacheKey(DnsName Name, RecordType Type, DnsClass Class, bool DnssecOk, bool CheckingDisabled, int Partition = 0);
