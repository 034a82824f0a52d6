using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;

namespace SplitDns.ZoneStore.Memory;

/// <summary>
/// The node index of a snapshot being derived from another: nodes of the old snapshot are
/// shared until they must change, then replaced by copies (path copying), because readers
/// may be walking the old ones right now.
/// </summary>
internal sealed class NodeIndexCopy(DnsName origin, Dictionary<DnsName, ZoneNode> nodes)
{
    private readonly HashSet<ZoneNode> _copies = new(ReferenceEqualityComparer.Instance);

    public Dictionary<DnsName, ZoneNode> Nodes { get; } = nodes;

    public void SetOwner(DnsName owner, ZoneNode? old, Rrset[] sets)
    {
        if (sets.Length > 0)
        {
            if (old is null)
            {
                // Ancestors first: the parent must exist to count the child and link a wildcard.
                Attach(owner);
                Put(new ZoneNode(owner, []).With(sets));
            }
            else
            {
                Put(old.With(sets));
            }
        }
        else if (old is not null)
        {
            if (old.ChildCount > 0)
            {
                // RFC 4592 §2.2.2: a name with descendants stays as an empty non-terminal.
                Put(old.With([]));
            }
            else
            {
                Drop(owner);
            }
        }
    }

    /// <summary>Flags for every node made in this build; shared nodes keep theirs, since no cut or DNAME moved.</summary>
    public void ComputeOcclusion()
    {
        foreach (ZoneNode node in _copies)
        {
            if (Nodes.TryGetValue(node.Name, out ZoneNode? current) && ReferenceEquals(current, node))
            {
                node.IsApex = node.Name.Equals(origin);
                node.IsOccluded = ZoneSnapshot.IsBelowCutOrDname(Nodes, origin, node.Name);
            }
        }
    }

    private void Put(ZoneNode node)
    {
        Nodes[node.Name] = node;
        _copies.Add(node);
        if (node.Name.IsWildcard && !node.Name.Equals(origin))
        {
            Mutable(node.Name.Parent()).WildcardChild = node;
        }
    }

    /// <summary>Removes a childless node, then every empty non-terminal left without children.</summary>
    private void Drop(DnsName name)
    {
        Nodes.Remove(name);
        ZoneNode parent = Mutable(name.Parent());
        if (name.IsWildcard)
        {
            parent.WildcardChild = null;
        }

        parent.ChildCount--;
        if (parent.ChildCount == 0 && parent.IsEmptyNonTerminal && !parent.Name.Equals(origin))
        {
            Drop(parent.Name);
        }
    }

    /// <summary>Counts a new node at its parent, creating empty non-terminals up to the closest existing ancestor.</summary>
    private void Attach(DnsName name)
    {
        DnsName parentName = name.Parent();
        if (Nodes.ContainsKey(parentName))
        {
            Mutable(parentName).ChildCount++;
            return;
        }

        Attach(parentName);
        Put(new ZoneNode(parentName, []) { ChildCount = 1 });
    }

    /// <summary>The node at <paramref name="name"/>, copied first unless this build made it.</summary>
    private ZoneNode Mutable(DnsName name)
    {
        ZoneNode node = Nodes[name];
        if (_copies.Contains(node))
        {
            return node;
        }

        ZoneNode copy = node.With(node.Rrsets.ToArray());
        Put(copy);
        return copy;
    }
}
