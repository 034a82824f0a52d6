using SplitDns.Protocol.Names;
using SplitDns.Protocol.Wire;

namespace SplitDns.Protocol.Tests.Names;

public class DnsNameTests
{
    private static readonly DnsName s_origin = DnsName.Parse("example.com.");

    [Theory]
    [InlineData("www.example.com.", "03777777076578616d706c6503636f6d00")]
    [InlineData(".", "00")]
    [InlineData("a\\.b.example.", "03612e62076578616d706c6500")]
    [InlineData("\\065bc.", "0341626300")]
    [InlineData("a\\\\b.", "03615c6200")]
    [InlineData("\\000\\255.", "0200ff00")]
    [InlineData("a\\ b.", "0361206200")]
    [InlineData("_sip._tcp.", "045f736970045f74637000")]
    public void Parse_Absolute_ReturnsWire(string text, string hex) =>
        Assert.Equal(hex, Convert.ToHexStringLower(DnsName.Parse(text).Wire));

    [Theory]
    [InlineData("www", "www.example.com.")]
    [InlineData("@", "example.com.")]
    [InlineData("a.b", "a.b.example.com.")]
    [InlineData("other.org.", "other.org.")]
    public void Parse_Relative_CompletedWithOrigin(string text, string expected) =>
        Assert.True(DnsName.Parse(text, s_origin).EqualsExact(DnsName.Parse(expected)));

    [Theory]
    [InlineData("a.b\\.c.", "a.b\\.c.")]
    [InlineData("\\065bc.", "Abc.")]
    [InlineData("a\\ b.", "a\\032b.")]
    [InlineData("\\000\\255\\\"\\;\\(\\)\\@\\$.", "\\000\\255\\\"\\;\\(\\)\\@\\$.")]
    [InlineData("Mixed.Case.", "Mixed.Case.")]
    public void ToString_Escapes_AsRfc1035Section51(string text, string expected) =>
        Assert.Equal(expected, DnsName.Parse(text).ToString());

    [Fact]
    public void Parse_Label63_Accepted_Label64_Rejected()
    {
        Assert.Equal(63, DnsName.Parse(new string('a', 63) + ".").FirstLabel.Length);
        Assert.False(DnsName.TryParse(new string('a', 64) + ".", null, out _, out string? error));
        Assert.Contains("63", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Name255_Accepted_Name256_Rejected()
    {
        string l63 = new('a', 63);
        string max = $"{l63}.{l63}.{l63}.{new string('b', 61)}.";
        Assert.Equal(255, DnsName.Parse(max).WireLength);
        string over = $"{l63}.{l63}.{l63}.{new string('b', 62)}.";
        Assert.False(DnsName.TryParse(over, null, out _, out _));
        Assert.False(DnsName.TryParse(new string('b', 62), DnsName.Parse($"{l63}.{l63}.{l63}."), out _, out _));
        Assert.True(DnsName.TryParse(new string('b', 61), DnsName.Parse($"{l63}.{l63}.{l63}."), out DnsName joined, out _));
        Assert.Equal(255, joined.WireLength);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a..b.")]
    [InlineData(".a.")]
    [InlineData("..")]
    [InlineData("a\\25.")]
    [InlineData("a\\256.")]
    [InlineData("a\\")]
    [InlineData("h\u00e9llo\u4e16.")]
    public void TryParse_Invalid_ReturnsFalseWithReason(string text)
    {
        Assert.False(DnsName.TryParse(text, null, out _, out string? error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Theory]
    [InlineData("40" + "00")]
    [InlineData("0361")]
    [InlineData("")]
    [InlineData("c00c")]
    public void FromWire_Invalid_ThrowsFormatError(string hex) =>
        Assert.Throws<DnsFormatException>(() => DnsName.FromWire(Convert.FromHexString(hex)));

    [Fact]
    public void FromWire_Over255_ThrowsFormatError()
    {
        byte[] wire = new byte[258];
        for (int i = 0; i < 4; i++)
        {
            wire[i * 64] = 63;
        }

        Assert.Throws<DnsFormatException>(() => DnsName.FromWire(wire));
    }

    [Theory]
    [InlineData("www.example.com.", "example.com.", true)]
    [InlineData("example.com.", "example.com.", true)]
    [InlineData("WWW.EXAMPLE.COM.", "example.com.", true)]
    [InlineData("xexample.com.", "example.com.", false)]
    [InlineData("www.xexample.com.", "example.com.", false)]
    [InlineData("com.", "example.com.", false)]
    [InlineData("a.example.com.", ".", true)]
    [InlineData(".", ".", true)]
    [InlineData("example\\.com.", "com.", false)]
    [InlineData("a.example\\.com.", "example\\.com.", true)]
    public void IsSubdomainOf_LabelBoundaries(string name, string zone, bool expected) =>
        Assert.Equal(expected, DnsName.Parse(name).IsSubdomainOf(DnsName.Parse(zone)));

    [Fact]
    public void CompareTo_Rfc4034Section61Example_CanonicalOrder()
    {
        string[] ordered =
        [
            "example.", "a.example.", "yljkjljk.a.example.", "Z.a.example.", "zABC.a.EXAMPLE.", "z.example.",
            "\\001.z.example.", "*.z.example.", "\\200.z.example.",
        ];
        DnsName[] names = Array.ConvertAll(ordered, n => DnsName.Parse(n));
        DnsName[] shuffled = [names[5], names[8], names[0], names[3], names[7], names[1], names[6], names[4], names[2]];
        Array.Sort(shuffled);
        Assert.Equal(ordered, Array.ConvertAll(shuffled, n => n.ToString()));
        for (int i = 1; i < names.Length; i++)
        {
            Assert.True(names[i - 1] < names[i], $"{names[i - 1]} < {names[i]}");
        }
    }

    [Fact]
    public void CompareTo_RootFirst_CaseIgnored()
    {
        Assert.True(DnsName.Root < DnsName.Parse("a."));
        Assert.Equal(0, DnsName.Parse("ExAmPlE.").CompareTo(DnsName.Parse("example.")));
    }

    [Fact]
    public void Equals_CaseInsensitive_HashEqual_ExactDiffers()
    {
        DnsName a = DnsName.Parse("WWW.Example.COM.");
        DnsName b = DnsName.Parse("www.example.com.");
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.False(a.EqualsExact(b));
        Assert.Equal("WWW.Example.COM.", a.ToString());
        Assert.True(a.ToLowerInvariant().EqualsExact(b));
        Assert.NotEqual(DnsName.Parse("a\\.b."), DnsName.Parse("a.b."));
        Assert.Single(new HashSet<DnsName> { a, b });
    }

    [Fact]
    public void Parent_RemovesLeftmostLabel_RootStaysRoot()
    {
        DnsName name = DnsName.Parse("www.example.com.");
        Assert.Equal(DnsName.Parse("example.com."), name.Parent());
        Assert.Equal(DnsName.Parse("com."), name.Parent().Parent());
        Assert.True(name.Parent().Parent().Parent().IsRoot);
        Assert.True(DnsName.Root.Parent().IsRoot);
        Assert.Equal(DnsName.Parse("com."), name.TrimLabels(2));
        Assert.Equal(3, name.LabelCount);
        Assert.Equal(0, DnsName.Root.LabelCount);
    }

    [Theory]
    [InlineData("*.example.com.", true)]
    [InlineData("*.", true)]
    [InlineData("a*.example.com.", false)]
    [InlineData("a.*.example.com.", false)]
    [InlineData("\\*.example.com.", true)]
    [InlineData("example.com.", false)]
    [InlineData(".", false)]
    public void IsWildcard_OnlyLeftmostStarLabel(string text, bool expected) =>
        Assert.Equal(expected, DnsName.Parse(text).IsWildcard);

    [Fact]
    public void WildcardOfParent_ReplacesLeftmostLabel() =>
        Assert.Equal("*.example.com.", DnsName.Parse("unknown.example.com.").WildcardOfParent().ToString());

    [Theory]
    [InlineData("www.example.com.", "www")]
    [InlineData("example.com.", "@")]
    [InlineData("a\\.b.example.com.", "a\\.b")]
    [InlineData("other.org.", "other.org.")]
    public void ToRelativeString_BelowOrigin_Relative(string name, string expected) =>
        Assert.Equal(expected, DnsName.Parse(name).ToRelativeString(s_origin));

    [Fact]
    public void Concat_And_Prepend_BuildNames()
    {
        Assert.Equal("a.b.example.com.", DnsName.Parse("a.b.").Concat(s_origin).ToString());
        Assert.Equal("x.example.com.", s_origin.Prepend("x"u8).ToString());
        Assert.Throws<ArgumentException>(() => s_origin.Prepend(new byte[64]));
    }
}
