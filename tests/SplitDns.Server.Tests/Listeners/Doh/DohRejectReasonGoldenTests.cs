using SplitDns.Server.Listeners.Doh;

namespace SplitDns.Server.Tests.Listeners.Doh;

/// <summary>
/// STYLE rule 21: splitdns_doh_rejected_total's reason labels live in dashboards and alerts.
/// Append new members; never edit or remove a line.
/// </summary>
public class DohRejectReasonGoldenTests
{
    private static readonly (string Name, int Value, string Label)[] s_golden =
    [
        ("Method", 0, "method"), ("MissingParameter", 1, "missing_parameter"), ("BadBase64", 2, "bad_base64"),
        ("ContentType", 3, "content_type"), ("TooLarge", 4, "too_large"), ("BodyOnGet", 5, "body_on_get"),
        ("NotAQuery", 6, "not_a_query"), ("MultipleMessages", 7, "multiple_messages"), ("NoAnswer", 8, "no_answer"),
        ("Aborted", 9, "aborted"), ("ConnectionLimit", 10, "connection_limit"),
    ];

    [Fact]
    public void DohRejectReason_Members_KeepTheirValuesAndLabels()
    {
        foreach ((string name, int value, string label) in s_golden)
        {
            Assert.True(Enum.TryParse(name, out DohRejectReason member), $"DohRejectReason.{name} was removed or renamed");
            Assert.Equal(value, (int)member);
            Assert.Equal(label, DohMetrics.Label(member));
        }

        Assert.Equal(s_golden.Length, Enum.GetValues<DohRejectReason>().Length);
    }
}
