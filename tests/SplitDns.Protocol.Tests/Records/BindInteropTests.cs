using System.Diagnostics;
using FsCheck.Fluent;
using SplitDns.Protocol.Records;

namespace SplitDns.Protocol.Tests.Records;

/// <summary>
/// Differential check against BIND: generated records, printed by us, are read by BIND's
/// named-rrchecker (bind9 package, installed by scripts/test.sh) and must give the same wire
/// bytes. BIND is stricter in places (NAPTR regexp/flag syntax, NSEC with an empty bitmap,
/// no-default-alpn without alpn, RRSIG without signature); those records are skipped.
/// </summary>
public class BindInteropTests
{
    private const string Checker = "/usr/bin/named-rrchecker";

    [Fact]
    public void NamedRrchecker_ReadsOurPresentation_SameWire()
    {
        Assert.True(File.Exists(Checker), "named-rrchecker missing: install bind9 (scripts/test.sh does)");
        int compared = 0;
        var mismatches = new List<string>();
        foreach (RdataCase c in RdataGenerators.AnyRdata.Sample(60, 25))
        {
            Rdata rdata = c.Value;
            string? bindHex = BindWire($"IN {RecordTypeNames.ToText(c.Type)} {rdata}");
            if (bindHex is null)
            {
                continue;
            }

            compared++;
            string ours = Convert.ToHexString(rdata.ToWire());
            if (bindHex != ours)
            {
                mismatches.Add($"{c}: ours {ours}, BIND {bindHex}");
            }
        }

        Assert.Empty(mismatches);
        Assert.True(compared >= 30, $"BIND accepted only {compared} of 60 records");
    }

    /// <summary>The RDATA as BIND encodes it (upper-case hex), or null when BIND rejects the text.</summary>
    private static string? BindWire(string record)
    {
        var start = new ProcessStartInfo(Checker, "-u")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using Process process = Process.Start(start)!;
        process.StandardInput.WriteLine(record);
        process.StandardInput.Close();
        string output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        if (!process.WaitForExit(10_000))
        {
            process.Kill();
            throw new TimeoutException("named-rrchecker did not finish");
        }

        if (process.ExitCode != 0)
        {
            return null;
        }

        // "CLASS1\tTYPE64\t\# 48 0010..." with the hex possibly split by spaces.
        string[] parts = output.Trim().Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length < 4 ? string.Empty : string.Concat(parts[4..]);
    }
}
