using System.Text;

namespace SplitDns.Blocking.Tests.Fakes;

/// <summary>Test-side wire encoding that keeps the case it is given (the index must fold it).</summary>
internal static class Wire
{
    public static byte[] Name(string name)
    {
        var bytes = new List<byte>();
        foreach (string label in name.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            byte[] l = Encoding.ASCII.GetBytes(label);
            bytes.Add((byte)l.Length);
            bytes.AddRange(l);
        }

        bytes.Add(0);
        return [.. bytes];
    }
}
