using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.ZoneFile;

namespace SplitDns.Protocol.Tests.ZoneFile;

public class ZoneValidatorTests
{
    private const string Apex = "$TTL 60\n@ SOA ns hm 1 2 3 4 5\n@ NS ns\nns A 192.0.2.1\n";
    private static readonly DnsName s_origin = DnsName.Parse("example.com.");

    private static IReadOnlyList<ZoneValidationIssue> Validate(string text)
    {
        ZoneParseResult parsed = ZoneFileParser.ParseText(text, "v.zone", s_origin);
        Assert.Empty(parsed.Errors);
        return ZoneValidator.Validate(s_origin, parsed.Records);
    }

    [Fact]
    public void Validate_MinimalZone_NoIssues()
    {
        Assert.Empty(Validate(Apex + "www CNAME ns\n"));
    }

    [Fact]
    public void Validate_NoSoaNoNs_TwoErrors()
    {
        IReadOnlyList<ZoneValidationIssue> issues = Validate("$TTL 1\nwww A 192.0.2.1\n");

        Assert.Equal([RecordType.SOA, RecordType.NS], issues.Select(i => i.Type));
        Assert.False(ZoneValidator.IsValid(issues));
    }

    [Fact]
    public void Validate_SecondSoaBelowApex_Errors()
    {
        IReadOnlyList<ZoneValidationIssue> issues = Validate(Apex + "sub SOA ns hm 1 2 3 4 5\n");

        Assert.Contains(issues, i => i.IsError && i.Message.Contains("only at the zone apex", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.IsError && i.Message.Contains("2 SOA records", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_CnameAndOtherData_Error()
    {
        IReadOnlyList<ZoneValidationIssue> issues = Validate(Apex + "www CNAME ns\nwww TXT x\n");

        ZoneValidationIssue issue = Assert.Single(issues);
        Assert.Equal("www.example.com.", issue.Name.ToString());
        Assert.Contains("CNAME and other data", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TwoDifferentCnames_ErrorButDuplicateIsFine()
    {
        Assert.Empty(Validate(Apex + "www CNAME ns\nwww CNAME ns\n"));
        Assert.Contains("more than one CNAME", Assert.Single(Validate(Apex + "www CNAME ns\nwww CNAME other\n")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CnameBesideRrsig_Allowed()
    {
        ZoneParseResult parsed = ZoneFileParser.ParseText(Apex + "www CNAME ns\n", "v.zone", s_origin);
        var records = new List<ResourceRecord>(parsed.Records)
        {
            // Opaque RDATA is enough: only the type matters to the rule (RFC 4035 §2.5).
            new(DnsName.Parse("www.example.com."), RecordType.RRSIG, DnsClass.IN, 60, new UnknownRdata(RecordType.RRSIG, [0, 5])),
        };

        Assert.Empty(ZoneValidator.Validate(s_origin, records));
    }

    [Fact]
    public void Validate_OutOfZone_Error()
    {
        ZoneValidationIssue issue = Assert.Single(Validate(Apex + "stray.example.org. A 192.0.2.9\n"));

        Assert.True(issue.IsError);
        Assert.StartsWith("stray.example.org. A: error: out of zone", issue.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RrsetTtlsDifferAcrossTheFile_Warning()
    {
        ZoneValidationIssue issue = Assert.Single(Validate(Apex + "a 10 A 192.0.2.1\nb A 192.0.2.2\na 20 A 192.0.2.3\n"));

        Assert.False(issue.IsError);
        Assert.Contains("RFC 2181", issue.Message, StringComparison.Ordinal);
    }
}
