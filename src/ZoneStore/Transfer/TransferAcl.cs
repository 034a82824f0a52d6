using System.Net;
using SplitDns.ZoneStore.Updates;

namespace SplitDns.ZoneStore.Transfer;

/// <summary>
/// Who may transfer a zone: a list of rules, any of which grants. A rule with keys and networks
/// needs both a listed key and a listed address; keys alone need the key from anywhere;
/// networks alone need the address, signed or not. With no rules, transfers are refused.
/// </summary>
public sealed class TransferAcl
{
    public TransferAcl(IReadOnlyList<TransferRule> rules) => Rules = rules;

    public TransferAcl(IEnumerable<string> keys, IReadOnlyList<IPNetwork> networks)
        : this([new TransferRule(keys, networks)])
    {
    }

    public static TransferAcl DenyAll { get; } = new([]);

    public IReadOnlyList<TransferRule> Rules { get; }

    public bool Allows(string? keyName, IPAddress client)
    {
        foreach (TransferRule rule in Rules)
        {
            if (rule.Allows(keyName, client))
            {
                return true;
            }
        }

        return false;
    }
}
