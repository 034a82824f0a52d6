using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Server.Hosting;

namespace SplitDns.Integration.Tests.Dot;

/// <summary>
/// A DoT listener whose certificate cannot be used stops start-up with the key, the file and the
/// reason, and <c>splitdns check</c> reports the same line (in-process and through the binary).
/// </summary>
public sealed class DotStartupTests : IDisposable
{
    private readonly TestPki _pki = new();

    public void Dispose() => _pki.Dispose();

    private string[] Args(string cert, string key) =>
    [
        "--SplitDns:Listen:Dns=127.0.0.1:0",
        $"--SplitDns:Listen:Dot={LoopbackAddress.Next()}:8853",
        "--SplitDns:Listen:Http=127.0.0.1:0",
        $"--SplitDns:ZoneDirectory={_pki.Directory}",
        $"--SplitDns:Tls:Certificates:0:CertificatePath={cert}",
        $"--SplitDns:Tls:Certificates:0:KeyPath={key}",
        .. OfflineDefaults.Args,
    ];

    [Fact]
    public void Start_MismatchedKey_ClearErrorNamingTheKeyFile()
    {
        (string cert, _) = _pki.WriteFlat(Path.Combine(_pki.Directory, "a"), _pki.Issue(["a.example.test"]));
        (_, string other) = _pki.WriteFlat(Path.Combine(_pki.Directory, "b"), _pki.Issue(["b.example.test"]));

        var ex = Assert.Throws<ServerConfigurationException>(() => SplitDnsHost.Build(Args(cert, other), includeDefaults: false));

        Assert.Contains($"SplitDns:Tls:Certificates:0:KeyPath: {other}: the private key does not match the certificate in {cert} (CN=a.example.test)",
            ex.Errors);
    }

    [Fact]
    public void Check_MissingKey_ExitsOneWithTheFileAndReason()
    {
        (string cert, string key) = _pki.WriteFlat(Path.Combine(_pki.Directory, "a"), _pki.Issue(["a.example.test"]));
        File.Delete(key);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int code = CheckCommand.Run(Args(cert, key), stdout, stderr, includeDefaults: false);

        Assert.Equal(1, code);
        Assert.Contains($"SplitDns:Tls:Certificates:0:KeyPath: {key}: file not found", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void CheckBinary_DotWithoutCertificate_ExitsNonZeroWithTheKey()
    {
        string output = Dig.Run("dotnet", $"{Path.Combine(AppContext.BaseDirectory, "splitdns.dll")} check "
            + $"--SplitDns:ZoneDirectory={_pki.Directory} --SplitDns:Listen:Dot=127.0.0.1:8853 --SplitDns:Blocking:Lists:stevenblack=");

        Assert.Contains("SplitDns:Listen:Dot: a TLS listener needs a certificate", output, StringComparison.Ordinal);
        Assert.Contains("error(s)", output, StringComparison.Ordinal);
    }
}
