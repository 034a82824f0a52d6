using SplitDns.Protocol.Records;

namespace SplitDns.Protocol.Tests.Records;

public class RdataTextReaderTests
{
    [Theory]
    [InlineData("1 . alpn=\"h2 h3\" port=1", new[] { "1", ".", "alpn=\"h2 h3\"", "port=1" })]
    [InlineData("key=\"a\\\" b\" x", new[] { "key=\"a\\\" b\"", "x" })]
    [InlineData("a\\=\"b c\"", new[] { "a\\=\"b", "c\"" })]
    [InlineData("\"quoted text\" plain", new[] { "quoted text", "plain" })]
    [InlineData("a\\ b c", new[] { "a\\ b", "c" })]
    public void Tokenize_KeyEqualsQuotedValue_OneToken(string text, string[] expected) =>
        Assert.Equal(expected, RdataTextReader.Tokenize(text).ConvertAll(t => t.Text).ToArray());

    [Theory]
    [InlineData("key=\"abc")]
    [InlineData("\"abc")]
    public void Tokenize_Unterminated_Throws(string text) =>
        Assert.Throws<RdataFormatException>(() => RdataTextReader.Tokenize(text));
}
