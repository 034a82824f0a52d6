using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.ZoneFile;

namespace SplitDns.Protocol.Tests.ZoneFile;

/// <summary>
/// The oracle: for each tricky but valid file, our records equal the ones BIND loads
/// (named-checkzone -D dumps them; we parse that dump and compare canonical wire forms).
/// </summary>
public class ZoneFileBindAgreementTests
{
    public static TheoryData<string, string> ValidFiles
    {
        get
        {
            TheoryData<string, string> files = BaseFiles;

            // all-types.valid.zone needs the typed codecs of the records work (SRV … SVCB): it
            // joins the corpus as soon as RdataFactory knows every type in it.
            RecordType[] allTypes =
            [
                RecordType.HINFO, RecordType.SRV, RecordType.NAPTR, RecordType.URI, RecordType.CAA, RecordType.SVCB,
                RecordType.HTTPS, RecordType.DS, RecordType.CDS, RecordType.DNSKEY, RecordType.CDNSKEY, RecordType.RRSIG,
                RecordType.NSEC, RecordType.NSEC3, RecordType.NSEC3PARAM, RecordType.TLSA, RecordType.SMIMEA, RecordType.SSHFP,
            ];
            if (Array.TrueForAll(allTypes, RdataFactory.IsKnown))
            {
                files.Add("all-types.valid.zone", "all.test");
            }

            return files;
        }
    }

    private static TheoryData<string, string> BaseFiles => new()
    {
        { "rfc1035-example.valid.zone", "ISI.EDU" },
        { "escapes.valid.zone", "example.com" },
        { "include-origin.valid.zone", "example.net" },
        { "soa-multiline.valid.zone", "example.org" },
        { "txt.valid.zone", "example.com" },
        { "rfc3597.valid.zone", "example.com" },
        { "ttl-units.valid.zone", "example.com" },
        { "omitted.valid.zone", "example.com" },
        { "origin-changes.valid.zone", "example.com" },
        { "types.valid.zone", "types.test" },
    };

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void Parse_ValidFixture_AgreesWithNamedCheckzone(string file, string origin)
    {
        ZoneParseResult ours = ZoneFixtures.Parse(file, origin);
        Assert.Empty(ours.Errors);
        Assert.NotEmpty(ours.Records);

        (int exit, string dump, string stderr) = ZoneFixtures.NamedCheckzone(origin, file);
        Assert.True(exit == 0, $"named-checkzone rejected {file}: {stderr}");
        ZoneParseResult bind = ZoneFileParser.ParseText(dump, "named-checkzone-dump", DnsName.Root);
        Assert.Empty(bind.Errors);

        Assert.Equal(ZoneFixtures.KeySet(bind.Records), ZoneFixtures.KeySet(ours.Records));
    }

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void Parse_ValidFixture_PassesZoneValidation(string file, string origin)
    {
        ZoneParseResult ours = ZoneFixtures.Parse(file, origin);

        IReadOnlyList<ZoneValidationIssue> issues = ZoneValidator.Validate(DnsName.Parse(origin + "."), ours.Records);

        Assert.True(ZoneValidator.IsValid(issues), string.Join("\n", issues));
    }
}
