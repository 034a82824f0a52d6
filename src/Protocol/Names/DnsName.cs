using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Names;

/// <summary>
/// A domain name held in uncompressed wire form (length-prefixed labels ending in the root
/// label). Equality and hashing are ASCII case-insensitive (RFC 4343) and allocate nothing;
/// the original case is kept for output.
/// </summary>
public readonly partial struct DnsName : IEquatable<DnsName>, IComparable<DnsName>
{
    public const int MaxLength = 255;
    public const int MaxLabelLength = 63;

    private static readonly byte[] s_rootWire = [0];

    // An array slice rather than a ReadOnlyMemory<byte>: Wire is read several times per query,
    // and a span over an array slice needs no check of what kind of object holds the bytes.
    // default(DnsName) (no array) is the root.
    private readonly byte[]? _array;
    private readonly int _offset;
    private readonly int _length;

    private DnsName(byte[] array, int offset, int length)
    {
        _array = array;
        _offset = offset;
        _length = length;
    }

    private DnsName(byte[] array)
        : this(array, 0, array.Length)
    {
    }

    /// <summary>The root name ".".</summary>
    public static DnsName Root => new(s_rootWire);

    /// <summary>The uncompressed wire form, ending in the zero-length root label.</summary>
    public ReadOnlySpan<byte> Wire => _length == 0 ? s_rootWire : new ReadOnlySpan<byte>(_array, _offset, _length);

    public ReadOnlyMemory<byte> WireMemory => _length == 0 ? s_rootWire : new ReadOnlyMemory<byte>(_array, _offset, _length);

    public int WireLength => _length == 0 ? 1 : _length;

    public bool IsRoot => WireLength == 1;

    /// <summary>Number of labels, not counting the root label ("www.example.com." has 3).</summary>
    public int LabelCount
    {
        get
        {
            ReadOnlySpan<byte> w = Wire;
            int count = 0;
            for (int i = 0; w[i] != 0; i += w[i] + 1)
            {
                count++;
            }

            return count;
        }
    }

    /// <summary>True when the leftmost label is exactly "*" (RFC 4592 §2.1.1).</summary>
    public bool IsWildcard
    {
        get
        {
            ReadOnlySpan<byte> w = Wire;
            return w.Length > 2 && w[0] == 1 && w[1] == (byte)'*';
        }
    }

    /// <summary>Wraps wire bytes that the caller has already validated (or trusts).</summary>
    public static DnsName FromValidatedWire(ReadOnlyMemory<byte> wire) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(wire, out ArraySegment<byte> segment)
            ? new DnsName(segment.Array!, segment.Offset, segment.Count)
            : new DnsName(wire.ToArray());

    /// <summary>Wraps validated wire bytes at <paramref name="offset"/> in <paramref name="array"/> (not copied).</summary>
    public static DnsName FromValidatedWire(byte[] array, int offset, int length) => new(array, offset, length);

    /// <summary>Validates and copies an uncompressed wire name.</summary>
    public static DnsName FromWire(ReadOnlySpan<byte> wire)
    {
        int length = ValidateWire(wire);
        return new DnsName(wire[..length].ToArray());
    }

    /// <summary>Checks an uncompressed wire name and returns its length, or throws a format error.</summary>
    public static int ValidateWire(ReadOnlySpan<byte> wire)
    {
        int i = 0;
        while (true)
        {
            if (i >= wire.Length)
            {
                ThrowHelper.Truncated();
            }

            int len = wire[i];
            if (len == 0)
            {
                return i + 1;
            }

            if (len > MaxLabelLength)
            {
                ThrowHelper.Format(DnsFormatError.BadLabelType, "label length or type not supported in uncompressed name");
            }

            i += len + 1;
            if (i + 1 > MaxLength)
            {
                ThrowHelper.Format(DnsFormatError.NameTooLong, "name longer than 255 octets");
            }
        }
    }

    /// <summary>The name with its leftmost label removed; the root's parent is the root.</summary>
    public DnsName Parent()
    {
        if (IsRoot)
        {
            return this;
        }

        int skip = _array![_offset] + 1;
        return new DnsName(_array, _offset + skip, _length - skip);
    }

    /// <summary>The name with <paramref name="count"/> leftmost labels removed.</summary>
    public DnsName TrimLabels(int count)
    {
        DnsName n = this;
        for (int i = 0; i < count; i++)
        {
            n = n.Parent();
        }

        return n;
    }

    /// <summary>The leftmost label's bytes (empty for the root).</summary>
    public ReadOnlySpan<byte> FirstLabel
    {
        get
        {
            ReadOnlySpan<byte> w = Wire;
            return w.Slice(1, w[0]);
        }
    }

    /// <summary>True when this name equals <paramref name="zone"/> or lies below it.</summary>
    public bool IsSubdomainOf(DnsName zone)
    {
        ReadOnlySpan<byte> w = Wire;
        ReadOnlySpan<byte> z = zone.Wire;
        if (z.Length > w.Length)
        {
            return false;
        }

        // Walk label boundaries so "xexample.com" is not taken as below "example.com".
        int offset = 0;
        while (w.Length - offset > z.Length)
        {
            offset += w[offset] + 1;
        }

        return w.Length - offset == z.Length && AsciiEqualsIgnoreCase(w[offset..], z);
    }

    /// <summary>Prepends one label (raw bytes) to this name.</summary>
    public DnsName Prepend(ReadOnlySpan<byte> label)
    {
        if (label.Length is 0 or > MaxLabelLength)
        {
            throw new ArgumentException("label must be 1..63 octets", nameof(label));
        }

        ReadOnlySpan<byte> w = Wire;
        if (w.Length + label.Length + 1 > MaxLength)
        {
            throw new ArgumentException("name would exceed 255 octets", nameof(label));
        }

        byte[] result = new byte[w.Length + label.Length + 1];
        result[0] = (byte)label.Length;
        label.CopyTo(result.AsSpan(1));
        w.CopyTo(result.AsSpan(label.Length + 1));
        return new DnsName(result);
    }

    /// <summary>Joins a relative name (given as this, without its root label) to an origin.</summary>
    public DnsName Concat(DnsName suffix)
    {
        ReadOnlySpan<byte> w = Wire;
        ReadOnlySpan<byte> s = suffix.Wire;
        if (w.Length - 1 + s.Length > MaxLength)
        {
            throw new ArgumentException("name would exceed 255 octets", nameof(suffix));
        }

        byte[] result = new byte[w.Length - 1 + s.Length];
        w[..^1].CopyTo(result);
        s.CopyTo(result.AsSpan(w.Length - 1));
        return new DnsName(result);
    }

    /// <summary>Replaces the leftmost label with "*" (the wildcard at this name's parent).</summary>
    public DnsName WildcardOfParent() => Parent().Prepend("*"u8);

    /// <summary>A copy with ASCII letters lowercased (RFC 4034 §6.2 canonical form).</summary>
    public DnsName ToLowerInvariant()
    {
        ReadOnlySpan<byte> w = Wire;
        if (!ContainsUpper(w))
        {
            return this;
        }

        byte[] copy = w.ToArray();
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = ToLower(copy[i]);
        }

        return new DnsName(copy);
    }

    public bool Equals(DnsName other) => AsciiEqualsIgnoreCase(Wire, other.Wire);

    /// <summary>Byte-exact equality, case included.</summary>
    public bool EqualsExact(DnsName other) => Wire.SequenceEqual(other.Wire);

    public override bool Equals(object? obj) => obj is DnsName other && Equals(other);

    public override int GetHashCode()
    {
        // FNV-1a over lowercased bytes. Length octets are <= 63 and never in 'A'..'Z'.
        ReadOnlySpan<byte> w = Wire;
        uint hash = 2166136261;
        for (int i = 0; i < w.Length; i++)
        {
            hash = (hash ^ ToLower(w[i])) * 16777619;
        }

        return (int)hash;
    }

    public static bool operator ==(DnsName left, DnsName right) => left.Equals(right);

    public static bool operator !=(DnsName left, DnsName right) => !left.Equals(right);

    public static bool operator <(DnsName left, DnsName right) => left.CompareTo(right) < 0;

    public static bool operator >(DnsName left, DnsName right) => left.CompareTo(right) > 0;

    public static bool operator <=(DnsName left, DnsName right) => left.CompareTo(right) <= 0;

    public static bool operator >=(DnsName left, DnsName right) => left.CompareTo(right) >= 0;

    /// <summary>Canonical DNS order (RFC 4034 §6.1): labels compared right to left, lowercased.</summary>
    public int CompareTo(DnsName other)
    {
        ReadOnlySpan<byte> a = Wire;
        ReadOnlySpan<byte> b = other.Wire;
        Span<byte> aStarts = stackalloc byte[128];
        Span<byte> bStarts = stackalloc byte[128];
        int aCount = LabelStarts(a, aStarts);
        int bCount = LabelStarts(b, bStarts);
        while (aCount > 0 && bCount > 0)
        {
            aCount--;
            bCount--;
            ReadOnlySpan<byte> la = a.Slice(aStarts[aCount] + 1, a[aStarts[aCount]]);
            ReadOnlySpan<byte> lb = b.Slice(bStarts[bCount] + 1, b[bStarts[bCount]]);
            int c = CompareLabels(la, lb);
            if (c != 0)
            {
                return c;
            }
        }

        return aCount.CompareTo(bCount);
    }

    /// <summary>Compares two labels as lowercased octet strings (shorter prefix sorts first).</summary>
    public static int CompareLabels(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        int n = Math.Min(a.Length, b.Length);
        for (int i = 0; i < n; i++)
        {
            int c = ToLower(a[i]) - ToLower(b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Length - b.Length;
    }

    public static bool AsciiEqualsIgnoreCase(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (int i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i] && ToLower(a[i]) != ToLower(b[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static byte ToLower(byte b) => (uint)(b - 'A') <= 'Z' - 'A' ? (byte)(b | 0x20) : b;

    private static bool ContainsUpper(ReadOnlySpan<byte> w)
    {
        foreach (byte b in w)
        {
            if ((uint)(b - 'A') <= 'Z' - 'A')
            {
                return true;
            }
        }

        return false;
    }

    private static int LabelStarts(ReadOnlySpan<byte> w, Span<byte> starts)
    {
        int count = 0;
        for (int i = 0; w[i] != 0; i += w[i] + 1)
        {
            starts[count++] = (byte)i;
        }

        return count;
    }
}
