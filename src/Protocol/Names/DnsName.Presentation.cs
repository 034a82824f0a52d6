using System.Text;

namespace SplitDns.Protocol.Names;

// Presentation form (RFC 1035 §5.1): absolute, relative to an origin, escaped labels.
public readonly partial struct DnsName
{
    public override string ToString()
    {
        var sb = new StringBuilder(WireLength + 8);
        AppendPresentation(sb);
        return sb.ToString();
    }

    /// <summary>Writes the absolute presentation form ("www.example.com.") with RFC 1035 §5.1 escapes.</summary>
    public void AppendPresentation(StringBuilder sb)
    {
        ReadOnlySpan<byte> w = Wire;
        if (w.Length == 1)
        {
            sb.Append('.');
            return;
        }

        for (int i = 0; w[i] != 0; i += w[i] + 1)
        {
            AppendLabel(sb, w.Slice(i + 1, w[i]));
            sb.Append('.');
        }
    }

    /// <summary>Presentation relative to <paramref name="origin"/> ("www", "@"), or absolute when not below it.</summary>
    public string ToRelativeString(DnsName origin)
    {
        if (Equals(origin))
        {
            return "@";
        }

        if (!IsSubdomainOf(origin) || origin.IsRoot)
        {
            return ToString();
        }

        var sb = new StringBuilder();
        ReadOnlySpan<byte> w = Wire;
        int keep = w.Length - origin.WireLength;
        for (int i = 0; i < keep; i += w[i] + 1)
        {
            if (i > 0)
            {
                sb.Append('.');
            }

            AppendLabel(sb, w.Slice(i + 1, w[i]));
        }

        return sb.ToString();
    }

    internal static void AppendLabel(StringBuilder sb, ReadOnlySpan<byte> label)
    {
        foreach (byte b in label)
        {
            if (b is (byte)'.' or (byte)'\\' or (byte)'"' or (byte)'(' or (byte)')' or (byte)';' or (byte)'@' or (byte)'$')
            {
                sb.Append('\\').Append((char)b);
            }
            else if (b <= 0x20 || b >= 0x7f)
            {
                sb.Append('\\').Append((b / 100).ToString(System.Globalization.CultureInfo.InvariantCulture))
                  .Append((b / 10 % 10).ToString(System.Globalization.CultureInfo.InvariantCulture))
                  .Append((b % 10).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append((char)b);
            }
        }
    }
}
