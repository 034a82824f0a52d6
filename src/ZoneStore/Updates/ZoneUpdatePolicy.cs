using System.Net;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;

namespace SplitDns.ZoneStore.Updates;

/// <summary>
/// Who may change what in one zone (checked per update RR, RFC 2136 §3.3). With no grants every
/// update is refused. Unsigned requests match only grants without a key, so a zone accepts them
/// only when its configuration says so explicitly.
/// </summary>
public sealed class ZoneUpdatePolicy
{
    public ZoneUpdatePolicy(IReadOnlyList<UpdateGrant> grants) => Grants = grants;

    public static ZoneUpdatePolicy DenyAll { get; } = new([]);

    public IReadOnlyList<UpdateGrant> Grants { get; }

    /// <summary>The grants that apply to this requester (key and client address).</summary>
    public List<UpdateGrant> GrantsFor(string? keyName, IPAddress client)
    {
        var result = new List<UpdateGrant>();
        foreach (UpdateGrant g in Grants)
        {
            if (g.AppliesTo(keyName, client))
            {
                result.Add(g);
            }
        }

        return result;
    }

    /// <summary>True when one of <paramref name="grants"/> covers a change of this type at this owner.</summary>
    public static bool IsAllowed(List<UpdateGrant> grants, DnsName owner, RecordType type)
    {
        foreach (UpdateGrant g in grants)
        {
            if (g.Allows(owner, type))
            {
                return true;
            }
        }

        return false;
    }
}
