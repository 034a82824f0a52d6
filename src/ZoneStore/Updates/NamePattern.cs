using SplitDns.Protocol.Names;

namespace SplitDns.ZoneStore.Updates;

/// <summary>
/// One name pattern of an update policy. Text forms, relative to the zone unless they end in a
/// dot: <c>@</c> (apex), <c>*</c> (every name below the apex, i.e. <c>*.zone</c>), <c>**</c>
/// (apex and everything below), <c>host</c> (exact), <c>*.sub</c>, <c>**.sub</c>. A literal
/// owner such as <c>*.zone</c> or <c>a-*.zone</c> is just a name here: patterns never expand.
/// </summary>
public sealed class NamePattern
{
    private NamePattern(NamePatternKind kind, DnsName name, string text)
    {
        Kind = kind;
        Name = name;
        Text = text;
    }

    public NamePatternKind Kind { get; }

    public DnsName Name { get; }

    public string Text { get; }

    public static NamePattern Parse(string text, DnsName origin)
    {
        string t = text.Trim();
        if (t.Length == 0)
        {
            throw new FormatException("empty name pattern");
        }

        NamePatternKind kind = NamePatternKind.Exact;
        string rest = t;
        if (t is "*" or "**")
        {
            return new NamePattern(t == "*" ? NamePatternKind.Below : NamePatternKind.AtOrBelow, origin, t);
        }

        if (t.StartsWith("**.", StringComparison.Ordinal))
        {
            kind = NamePatternKind.AtOrBelow;
            rest = t[3..];
        }
        else if (t.StartsWith("*.", StringComparison.Ordinal))
        {
            kind = NamePatternKind.Below;
            rest = t[2..];
        }

        DnsName name = DnsName.Parse(rest, origin);
        if (!name.IsSubdomainOf(origin))
        {
            throw new FormatException($"name pattern '{text}' is outside zone {origin}");
        }

        return new NamePattern(kind, name, t);
    }

    public bool Matches(DnsName owner) => Kind switch
    {
        NamePatternKind.Exact => owner.Equals(Name),
        NamePatternKind.Below => owner.IsSubdomainOf(Name) && !owner.Equals(Name),
        _ => owner.IsSubdomainOf(Name),
    };

    public override string ToString() => Text;
}
