using System.Net;
using SplitDns.ZoneStore.Updates;

namespace SplitDns.ZoneStore.Transfer;

/// <summary>One rule of a <see cref="TransferAcl"/>: a key from the list and/or an address in the networks.</summary>
public sealed class TransferRule
{
    public TransferRule(IEnumerable<string> keys, IReadOnlyList<IPNetwork> networks)
    {
        Keys = new HashSet<string>(keys.Select(UpdateGrant.NormalizeKey), StringComparer.Ordinal);
        Networks = networks;
    }

    public IReadOnlySet<string> Keys { get; }

    public IReadOnlyList<IPNetwork> Networks { get; }

    public bool Allows(string? keyName, IPAddress client)
    {
        if (Keys.Count == 0 && Networks.Count == 0)
        {
            return false;
        }

        bool keyOk = Keys.Count == 0 || (keyName is not null && Keys.Contains(UpdateGrant.NormalizeKey(keyName)));
        return keyOk && UpdateGrant.NetworkMatches(Networks, client);
    }
}
