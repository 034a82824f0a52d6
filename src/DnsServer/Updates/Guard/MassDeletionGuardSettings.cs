using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Updates;

namespace SplitDns.Server.Updates.Guard;

/// <summary>
/// The mass-deletion guard's limits ("SplitDns:Updates:MassDeletionGuard") and which TSIG keys
/// it watches in which zone. An UPDATE, or the UPDATEs one key sent within <see cref="Window"/>,
/// that would delete at least <see cref="MinDeletions"/> records and more than
/// <see cref="MaxDeleteShare"/> of the records that key owns in the zone is held (REFUSED).
/// </summary>
public sealed class MassDeletionGuardSettings
{
    public static MassDeletionGuardSettings Default { get; } = new();

    /// <summary>
    /// Null (not set): on for keys granted through the external-dns preset, off for other keys.
    /// True: on for every signed key. False: off everywhere. A grant's own "MassDeletionGuard"
    /// wins over the first two.
    /// </summary>
    public bool? Enabled { get; init; }

    /// <summary>The share of a key's records (0 &lt; share ≤ 1) it may delete within the window.</summary>
    public double MaxDeleteShare { get; init; } = 0.25;

    /// <summary>Deletions below this count (in the window) always pass, so small zones are not blocked.</summary>
    public int MinDeletions { get; init; } = 10;

    /// <summary>How far back a key's deletions add up (a burst of small UPDATEs).</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long an operator's approval lets a key's deletions in a zone through.</summary>
    public TimeSpan ApprovalLifetime { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Per zone instance and canonical key name: a grant's explicit or preset choice.</summary>
    public IReadOnlyDictionary<(ZoneKey Zone, string Key), bool> Grants { get; init; } =
        new Dictionary<(ZoneKey Zone, string Key), bool>();

    /// <summary>True when the guard watches deletions signed by <paramref name="key"/> in <paramref name="zone"/>.</summary>
    public bool Guards(ZoneKey zone, string? key)
    {
        if (key is null || Enabled == false)
        {
            // Unsigned updates have no key to own records: the guard is per TSIG key.
            return false;
        }

        return Grants.TryGetValue((zone, UpdateGrant.NormalizeKey(key)), out bool on) ? on : Enabled == true;
    }
}
