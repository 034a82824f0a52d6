namespace SplitDns.Server.RateLimiting;

/// <summary>
/// A fixed-size table of rate accounts (BIND's RRL algorithm): an account has a balance that
/// gains its rate every second up to the rate itself (the burst), loses one per response, and
/// may go into debt down to −window × rate, so a client that keeps flooding stays limited until
/// it has been quiet. Four-way set associative; a new key evicts the least recently used account
/// of its set. Striped locks, no allocation after construction. Time comes from a
/// <see cref="TimeProvider"/> (tests inject one).
/// </summary>
public sealed class RateLimitTable
{
    private const int Ways = 4;
    private const int Stripes = 256;

    private readonly Slot[] _slots;
    private readonly int _setMask;
    private readonly object[] _locks = new object[Stripes];
    private readonly TimeProvider _time;
    private readonly int _window;
    private readonly int _slip;

    /// <param name="size">Accounts kept (rounded up to a power of two, at least <see cref="Ways"/>).</param>
    /// <param name="window">Seconds of debt an account can run up (BIND's <c>window</c>).</param>
    /// <param name="slip">Every slip-th limited response is slipped; 0: none.</param>
    public RateLimitTable(int size, int window, int slip, TimeProvider time)
    {
        int sets = (int)Math.Max(1, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(size, Ways)) / Ways);
        _slots = new Slot[sets * Ways];
        _setMask = sets - 1;
        _window = window;
        _slip = slip;
        _time = time;
        for (int i = 0; i < _locks.Length; i++)
        {
            _locks[i] = new object();
        }
    }

    /// <summary>Accounts in the table (a power of two).</summary>
    public int Capacity => _slots.Length;

    /// <summary>Debits one response from the account <paramref name="key"/> with <paramref name="rate"/> per second.</summary>
    /// <param name="firstLimited">True when this is the account's first limited response since it was last within rate (log once).</param>
    public RateDecision Account(ulong key, int rate, out bool firstLimited)
    {
        key |= 1; // 0 marks a free slot
        long now = _time.GetTimestamp() / _time.TimestampFrequency;
        int set = (int)(key >> 32) & _setMask;
        lock (_locks[set & (Stripes - 1)])
        {
            ref Slot slot = ref Find(set * Ways, key, now, rate);
            long elapsed = now - slot.Second;
            if (elapsed > 0)
            {
                long credited = slot.Balance + (elapsed * rate);
                slot.Balance = (int)Math.Min(rate, credited);
                slot.Second = now;
            }

            long floor = -(long)_window * rate;
            slot.Balance = (int)Math.Max(floor, slot.Balance - 1L);
            if (slot.Balance >= 0)
            {
                slot.Limited = 0;
                firstLimited = false;
                return RateDecision.Send;
            }

            firstLimited = slot.Limited == 0;
            slot.Limited++;
            return _slip > 0 && slot.Limited % _slip == 0 ? RateDecision.Slip : RateDecision.Drop;
        }
    }

    private ref Slot Find(int first, ulong key, long now, int rate)
    {
        int victim = first;
        for (int i = first; i < first + Ways; i++)
        {
            ref Slot s = ref _slots[i];
            if (s.Key == key)
            {
                return ref s;
            }

            if (s.Key == 0 || s.Second < _slots[victim].Second)
            {
                victim = i;
                if (s.Key == 0)
                {
                    break;
                }
            }
        }

        ref Slot v = ref _slots[victim];
        v.Key = key;
        v.Second = now;
        v.Balance = rate;
        v.Limited = 0;
        return ref v;
    }

    private struct Slot
    {
        public ulong Key;
        public long Second;
        public int Balance;
        public int Limited;
    }
}
