using System.Globalization;
using SplitDns.Protocol.Names;
using SplitDns.ZoneStore.Memory;

namespace SplitDns.ZoneStore.Persistence.Postgres;

/// <summary>
/// The NOTIFY payload a commit sends on <see cref="Channel"/>: <c>&lt;view&gt;/&lt;origin&gt; &lt;serial&gt;</c>,
/// for example <c>/example.com. 2026010101</c> (shared zone, empty view) or
/// <c>tailscale/example.com. 7</c>. The origin is in presentation form (RFC 1035 §5.1 escapes,
/// so it holds no space); a view name holds no '/'. Persisted in the sense that replicas of
/// different builds read each other's: never change the form.
/// </summary>
public static class ZoneChangeNotification
{
    public const string Channel = "splitdns_zones";

    public static string Format(ZoneKey zone, uint serial) =>
        string.Create(CultureInfo.InvariantCulture, $"{zone.View}/{zone.Origin} {serial}");

    public static bool TryParse(string payload, out ZoneKey zone, out uint serial)
    {
        zone = default;
        serial = 0;
        if (payload is null)
        {
            return false;
        }

        int slash = payload.IndexOf('/', StringComparison.Ordinal);
        int space = payload.LastIndexOf(' ');
        if (slash < 0 || space < slash + 2
            || !uint.TryParse(payload.AsSpan(space + 1), NumberStyles.None, CultureInfo.InvariantCulture, out serial))
        {
            return false;
        }

        ReadOnlySpan<char> origin = payload.AsSpan(slash + 1, space - slash - 1);
        if (!origin.EndsWith(".", StringComparison.Ordinal) || !DnsName.TryParse(origin, null, out DnsName name, out _))
        {
            serial = 0;
            return false;
        }

        zone = new ZoneKey(payload[..slash], name);
        return true;
    }
}
