using System.Net;
using SplitDns.Protocol.Records;

namespace SplitDns.ZoneStore.Updates;

/// <summary>
/// One rule of a zone's update policy: requests signed with <see cref="KeyName"/> (or, when it is
/// null, unsigned requests) from one of <see cref="Networks"/> (any when empty) may change names
/// matching one of <see cref="Names"/> with one of <see cref="Types"/> (any when empty).
/// </summary>
public sealed class UpdateGrant
{
    public UpdateGrant(string? keyName, IReadOnlyList<NamePattern> names, IReadOnlyCollection<RecordType> types,
        IReadOnlyList<IPNetwork> networks)
    {
        KeyName = keyName is null ? null : NormalizeKey(keyName);
        Names = names;
        Types = new HashSet<RecordType>(types);
        Networks = networks;
    }

    /// <summary>Canonical key name (lowercase, with the trailing dot), or null for unsigned requests.</summary>
    public string? KeyName { get; }

    public IReadOnlyList<NamePattern> Names { get; }

    public IReadOnlySet<RecordType> Types { get; }

    public IReadOnlyList<IPNetwork> Networks { get; }

    public static string NormalizeKey(string keyName)
    {
        string lower = keyName.Trim().ToLowerInvariant();
        return lower.EndsWith('.') ? lower : lower + ".";
    }

    public bool AppliesTo(string? keyName, IPAddress client)
    {
        bool keyMatches = KeyName is null ? keyName is null : keyName is not null && KeyName == NormalizeKey(keyName);
        return keyMatches && NetworkMatches(Networks, client);
    }

    /// <summary>True when this grant covers a change of <paramref name="type"/> at <paramref name="owner"/>.</summary>
    public bool Allows(Protocol.Names.DnsName owner, RecordType type)
    {
        if (Types.Count > 0 && !Types.Contains(type) && type != RecordType.ANY)
        {
            return false;
        }

        // A delete of every type (class ANY, type ANY) needs a grant for all types.
        if (type == RecordType.ANY && Types.Count > 0)
        {
            return false;
        }

        foreach (NamePattern p in Names)
        {
            if (p.Matches(owner))
            {
                return true;
            }
        }

        return false;
    }

    public static bool NetworkMatches(IReadOnlyList<IPNetwork> networks, IPAddress client)
    {
        if (networks.Count == 0)
        {
            return true;
        }

        IPAddress address = client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client;
        foreach (IPNetwork n in networks)
        {
            if (n.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
