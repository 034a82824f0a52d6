namespace SplitDns.Protocol.Tests.Wire;

/// <summary>Reads the hex corpora under Wire/Corpus (one <c>hex # description</c> per line).</summary>
internal static class WireCorpus
{
    public static TheoryData<string, string> Load(string fileName)
    {
        var data = new TheoryData<string, string>();
        foreach (string line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Wire", "Corpus", fileName)))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            int hash = line.IndexOf(" # ", StringComparison.Ordinal);
            string hex = (hash < 0 ? line : line[..hash]).Trim();
            string description = hash < 0 ? string.Empty : line[(hash + 3)..].Trim();
            data.Add(hex, description);
        }

        return data;
    }
}
