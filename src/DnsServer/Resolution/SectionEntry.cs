using SplitDns.Protocol.Names;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.Server.Resolution;

/// <summary>
/// An RRset placed in a response section, written with <see cref="Owner"/> as the owner name of
/// every record: wildcard synthesis (RFC 4592 §3.4.3) answers with the query name without
/// copying the records.
/// </summary>
public readonly record struct SectionEntry(DnsName Owner, Rrset Rrset);
