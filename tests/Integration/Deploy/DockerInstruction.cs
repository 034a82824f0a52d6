namespace SplitDns.Integration.Tests.Deploy;

/// <summary>One Dockerfile instruction: keyword (upper case), the text after it, its first line number.</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments, int Line)
{
    /// <summary>Exec form: the arguments are a JSON array of strings (RUN, CMD, ENTRYPOINT, HEALTHCHECK CMD).</summary>
    public static bool IsExecForm(string text, out string[] words)
    {
        words = [];
        text = text.Trim();
        if (!text.StartsWith('['))
        {
            return false;
        }

        try
        {
            words = System.Text.Json.JsonSerializer.Deserialize<string[]>(text) ?? [];
            return words.Length > 0;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    public override string ToString() => $"line {Line}: {Keyword} {Arguments}";
}
