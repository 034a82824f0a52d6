using System.Net;
using SplitDns.ZoneStore.Updates;

namespace SplitDns.ZoneStore.Transfer;

/// <summary>
/// Who may transfer a zone. A request is allowed when it is signed with one of
/// <see cref="Keys"/> (any key when the list is empty but networks are set) and comes from one
/// of <see cref="Networks"/> (any address when empty). With neither set, transfers are refused.
/// </summary>
public sealed class TransferAcl
{
    public TransferAcl(IEnumerable<string> keys, IReadOnlyList<IPNetwork> networks)
    {
        Keys = new HashSet<string>(keys.Select(UpdateGrant.NormalizeKey), StringComparer.Ordinal);
        Networks = networks;
    }

    public static TransferAcl DenyAll { get; } = new([], []);

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

    /// <summary>The same ACL with more keys (update grants that also allow transfer).</summary>
    public TransferAcl WithKeys(IEnumerable<string> more) => new(Keys.Concat(more), Networks);
}
