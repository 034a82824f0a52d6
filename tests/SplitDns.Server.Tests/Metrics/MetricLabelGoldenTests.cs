using SplitDns.Server.Metrics;

namespace SplitDns.Server.Tests.Metrics;

/// <summary>
/// STYLE rule 21: metric label values are persisted in every dashboard and alert. Append a new
/// member here when you add one to the enum; never edit or remove a line.
/// </summary>
public class MetricLabelGoldenTests
{
    private static readonly (string Name, int Value, string Label)[] s_dropReasons =
    [
        ("Short", 0, "short"), ("Response", 1, "response"), ("InternalError", 2, "internal_error"),
        ("ConnectionLimit", 3, "connection_limit"), ("BadFrame", 4, "bad_frame"), ("ProxyHeader", 5, "proxy_header"),
    ];

    private static readonly (string Name, int Value, string Label)[] s_clientSubnetResults =
    [
        ("Used", 0, "used"), ("IgnoredUntrusted", 1, "ignored_untrusted"), ("Malformed", 2, "malformed"),
        ("NoAddress", 3, "no_address"),
    ];

    private static readonly (string Name, int Value, string Label)[] s_transports =
    [
        ("Udp", 0, "udp"), ("Tcp", 1, "tcp"), ("Dot", 2, "dot"), ("Doh", 3, "doh"),
    ];

    [Fact]
    public void DnsTransport_Members_KeepTheirValuesAndLabels() =>
        AssertGolden<SplitDns.Server.Resolution.DnsTransport>(s_transports, t => MetricLabels.Transport(t));

    [Fact]
    public void DropReason_Members_KeepTheirValuesAndLabels() =>
        AssertGolden<DropReason>(s_dropReasons, r => MetricLabels.Drop(r));

    [Fact]
    public void ClientSubnetResult_Members_KeepTheirValuesAndLabels() =>
        AssertGolden<ClientSubnetResult>(s_clientSubnetResults, r => MetricLabels.ClientSubnet(r));

    private static void AssertGolden<T>((string Name, int Value, string Label)[] golden, Func<T, string> label)
        where T : struct, Enum
    {
        foreach ((string name, int value, string text) in golden)
        {
            Assert.True(Enum.TryParse(name, ignoreCase: false, out T member), $"{typeof(T).Name}.{name} was removed or renamed");
            Assert.Equal(value, Convert.ToInt32(member, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(text, label(member));
        }

        foreach (string name in Enum.GetNames<T>())
        {
            Assert.True(Array.Exists(golden, g => g.Name == name), $"{typeof(T).Name}.{name} is new: append it to the golden list");
        }
    }
}
