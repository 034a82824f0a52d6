namespace SplitDns.Server.QueryLog;

/// <summary>The stored (and searched) text of each <see cref="AnswerSource"/>; append only.</summary>
public static class AnswerSourceText
{
    private static readonly string[] s_names =
        ["error", "authoritative", "cached", "forwarded", "stale", "blocked", "refused", "chaos", "forward_failed"];

    public static string ToText(AnswerSource source) => (int)source < s_names.Length ? s_names[(int)source] : "error";

    public static bool TryParse(string text, out AnswerSource source)
    {
        int i = Array.IndexOf(s_names, text);
        source = i < 0 ? AnswerSource.Error : (AnswerSource)i;
        return i >= 0;
    }
}
