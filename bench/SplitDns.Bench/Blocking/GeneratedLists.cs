using System.Globalization;
using System.Text;

namespace SplitDns.Bench.Blocking;

/// <summary>Distinct generated blocklist names (<c>adHEX.trackerN.example</c>, 3 labels, ~24 characters) and the queries the benchmarks use.</summary>
public static class GeneratedLists
{
    public static string Name(int i) => string.Create(CultureInfo.InvariantCulture, $"ad{i:x}.tracker{i % 1000}.example");

    /// <summary>Writes a domains-format list of <paramref name="count"/> names.</summary>
    public static void WriteDomains(string path, int count)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.WriteLine("# generated blocklist");
        for (int i = 0; i < count; i++)
        {
            writer.WriteLine(Name(i));
        }
    }

    public static byte[] Wire(string name)
    {
        var bytes = new List<byte>();
        foreach (string label in name.Split('.'))
        {
            bytes.Add((byte)label.Length);
            bytes.AddRange(Encoding.ASCII.GetBytes(label));
        }

        bytes.Add(0);
        return [.. bytes];
    }
}
