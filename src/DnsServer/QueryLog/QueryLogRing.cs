using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SplitDns.Server.QueryLog;

/// <summary>
/// A bounded, preallocated multi-producer single-consumer queue of <see cref="QueryLogEntry"/>
/// (D. Vyukov's bounded queue: a sequence number per slot, one compare-and-swap per write). The
/// answering path never blocks and never allocates: a full ring refuses the entry (counted as
/// dropped). One consumer, the writer, reads in order.
/// </summary>
internal sealed class QueryLogRing
{
    // Retries of a contended compare-and-swap before the entry is dropped (a bound, not a wait).
    private const int MaxAttempts = 64;

    private readonly Slot[] _slots;
    private PaddedPosition _enqueue;
    private PaddedPosition _dequeue;

    public QueryLogRing(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _slots = new Slot[capacity];
        for (int i = 0; i < capacity; i++)
        {
            _slots[i].Sequence = i;
        }
    }

    public int Capacity => _slots.Length;

    /// <summary>Entries written and not read yet (approximate while writers run).</summary>
    public long Count => Math.Max(0, Volatile.Read(ref _enqueue.Value) - Volatile.Read(ref _dequeue.Value));

    /// <summary>
    /// Reserves the next slot: fill the returned entry, then <see cref="Publish"/> the ticket.
    /// A null ref (<see cref="Unsafe.IsNullRef{T}(ref readonly T)"/>) means the ring is full.
    /// </summary>
    public ref QueryLogEntry TryReserve(out long ticket)
    {
        long position = Volatile.Read(ref _enqueue.Value);
        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            ref Slot slot = ref _slots[(int)(position % _slots.Length)];
            long difference = Volatile.Read(ref slot.Sequence) - position;
            if (difference == 0)
            {
                long seen = Interlocked.CompareExchange(ref _enqueue.Value, position + 1, position);
                if (seen == position)
                {
                    ticket = position;
                    return ref slot.Entry;
                }

                position = seen;
            }
            else if (difference < 0)
            {
                break;
            }
            else
            {
                position = Volatile.Read(ref _enqueue.Value);
            }
        }

        ticket = -1;
        return ref Unsafe.NullRef<QueryLogEntry>();
    }

    /// <summary>Makes a reserved entry visible to the reader.</summary>
    public void Publish(long ticket) =>
        Volatile.Write(ref _slots[(int)(ticket % _slots.Length)].Sequence, ticket + 1);

    /// <summary>Reads the oldest published entry (single reader only).</summary>
    public bool TryRead(out QueryLogEntry entry)
    {
        long position = _dequeue.Value;
        ref Slot slot = ref _slots[(int)(position % _slots.Length)];
        if (Volatile.Read(ref slot.Sequence) != position + 1)
        {
            entry = default;
            return false;
        }

        entry = slot.Entry;
        slot.Entry.View = null!;
        slot.Entry.BlockedList = null;
        slot.Entry.Upstream = null;
        Volatile.Write(ref slot.Sequence, position + _slots.Length);
        Volatile.Write(ref _dequeue.Value, position + 1);
        return true;
    }

    private struct Slot
    {
        public long Sequence;
        public QueryLogEntry Entry;
    }

    // Writers and the reader touch different cache lines.
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct PaddedPosition
    {
        [FieldOffset(64)]
        public long Value;
    }
}
