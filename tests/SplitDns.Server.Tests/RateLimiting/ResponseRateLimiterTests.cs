using SplitDns.Server.RateLimiting;

namespace SplitDns.Server.Tests.RateLimiting;

public partial class ResponseRateLimiterTests
{
    // Header (id 1234, QR AA, counts) + question "a.example. A IN" + one answer's worth of bytes.
    private const string Question = "0161" + "076578616d706c6500" + "00010001";

    [Theory]
    [InlineData("12348400000100010000" + "0000", ResponseKind.Answer)]
    [InlineData("12348400000100000001" + "0000", ResponseKind.Answer)] // NODATA with SOA (AA)
    [InlineData("12348000000100000002" + "0000", ResponseKind.Referral)] // no answer, NS, AA clear
    [InlineData("12348403000100000001" + "0000", ResponseKind.Nxdomain)]
    [InlineData("12348402000100000000" + "0000", ResponseKind.Error)]
    [InlineData("12348405000100000000" + "0000", ResponseKind.Error)]
    public void Classify_Header_GivesTheKind(string header, ResponseKind kind)
    {
        Assert.Equal(kind, ResponseRateLimiter.Classify(Convert.FromHexString(header), out _));
    }

    [Fact]
    public void Truncate_Answer_KeepsHeaderAndQuestionWithTc()
    {
        byte[] response = Convert.FromHexString("12348400000100010000" + "0001" + Question + "c00c000100010000003c0004c0000201" + "00002904d0000000000000");

        int length = ResponseRateLimiter.Truncate(response, response.Length);

        Assert.Equal(12 + (Question.Length / 2), length);
        Assert.Equal("12348600000100000000" + "0000" + Question, Convert.ToHexStringLower(response.AsSpan(0, length)));
    }

    [Fact]
    public void Truncate_HeaderOnlyError_SetsTc()
    {
        byte[] response = Convert.FromHexString("123480010000000000000000");

        int length = ResponseRateLimiter.Truncate(response, response.Length);

        Assert.Equal(12, length);
        Assert.Equal("123482010000000000000000", Convert.ToHexStringLower(response));
    }
}
