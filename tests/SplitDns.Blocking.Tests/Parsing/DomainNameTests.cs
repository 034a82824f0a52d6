using System.Text;
using SplitDns.Blocking.Parsing;

namespace SplitDns.Blocking.Tests.Parsing;

/// <summary>Name normalization: case, trailing dot, IDN to punycode (RFC 3492 vectors), validation reasons.</summary>
public sealed class DomainNameTests
{
    private static string? Encode(string text, out string? error)
    {
        Span<byte> wire = stackalloc byte[DomainName.MaxWireLength];
        if (!DomainName.TryEncode(Encoding.UTF8.GetBytes(text), wire, out int length, out error))
        {
            return null;
        }

        return Convert.ToHexStringLower(wire[..length]);
    }

    [Theory]
    [InlineData("example.com", "076578616d706c6503636f6d00")]
    [InlineData("EXAMPLE.Com.", "076578616d706c6503636f6d00")]
    [InlineData("_dmarc.a-b.example", "065f646d61726303612d62076578616d706c6500")]
    public void TryEncode_AsciiName_LowercaseWire(string text, string hex)
    {
        Assert.Equal(hex, Encode(text, out _));
    }

    [Theory]
    [InlineData("bücher.example", "xn--bcher-kva.example")]
    [InlineData("BÜCHER.example", "xn--bcher-kva.example")]
    [InlineData("münchen.de", "xn--mnchen-3ya.de")]
    [InlineData("例え.テスト", "xn--r8jz45g.xn--zckzah")]
    [InlineData("xn--bcher-kva.example", "xn--bcher-kva.example")]
    public void TryEncode_UnicodeName_IsPunycode(string text, string ascii)
    {
        Assert.Equal(Encode(ascii, out _), Encode(text, out string? error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("", "empty name")]
    [InlineData("a..example", "empty label")]
    [InlineData("bad!.example", "invalid character '!'")]
    [InlineData("1.2.3.4", "IP address")]
    [InlineData("::1", "IP address")]
    [InlineData("2001:db8::1", "IP address")]
    [InlineData("with space.example", "invalid character ' '")]
    public void TryEncode_NotAName_GivesTheReason(string text, string reason)
    {
        Assert.Null(Encode(text, out string? error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void TryEncode_LabelAndNameLengthLimits()
    {
        string label63 = new('a', 63);
        Assert.NotNull(Encode(label63 + ".example", out _));
        Assert.Contains("63", Encode(new string('a', 64) + ".example", out string? e1) ?? e1);

        string name253 = string.Join('.', Enumerable.Repeat(label63, 3)) + "." + new string('b', 61);
        Assert.Equal(253, name253.Length);
        Assert.NotNull(Encode(name253, out _));
        Assert.Contains("253", Encode(name253 + "b", out string? e2) ?? e2);
    }
}
