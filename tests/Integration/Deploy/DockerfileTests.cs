namespace SplitDns.Integration.Tests.Deploy;

/// <summary>
/// The image's rules, read from the Dockerfile itself (no Docker daemon needed): a build stage
/// and a runtime stage, a non-root numeric user, exec-form HEALTHCHECK and ENTRYPOINT, the data
/// directory as a volume, OCI labels, nothing privileged.
/// </summary>
public sealed class DockerfileTests
{
    private readonly Dockerfile _file = Dockerfile.Load();

    [Fact]
    public void Dockerfile_MultiStage_BuildsWithSdkRunsOnChiseledRuntime()
    {
        Assert.True(_file.Stages.Count >= 2, "expected a build stage and a runtime stage");
        Assert.Contains("mcr.microsoft.com/dotnet/sdk:10.0", _file.Stages[0][0].Arguments, StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled", _file.Final[0].Arguments, StringComparison.Ordinal);
        // The runtime stage takes the application from the build stage, not from the host.
        Assert.Contains(Dockerfile.Named(_file.Final, "COPY"), c => c.Arguments.StartsWith("--from=build /app /app", StringComparison.Ordinal));
    }

    [Fact]
    public void Dockerfile_FinalStage_RunsAsNumericNonRootUser()
    {
        string user = Assert.Single(Dockerfile.Named(_file.Final, "USER")).Arguments;
        string uid = user.Split(':')[0];
        Assert.True(int.TryParse(uid, out int n), $"USER {user}: numeric, so that Kubernetes runAsNonRoot can check it");
        Assert.NotEqual(0, n);
        Assert.Equal(uid, DataVolumeOwner(), StringComparer.Ordinal);
    }

    [Fact]
    public void Dockerfile_HealthcheckAndEntrypoint_ExecFormOfTheBinary()
    {
        DockerInstruction health = Assert.Single(Dockerfile.Named(_file.Final, "HEALTHCHECK"));
        int cmd = health.Arguments.IndexOf("CMD ", StringComparison.Ordinal);
        Assert.True(cmd >= 0, health.ToString());
        Assert.True(DockerInstruction.IsExecForm(health.Arguments[(cmd + 4)..], out string[] check), $"exec form (no shell in the image): {health}");
        Assert.Equal(["/app/splitdns", "healthcheck"], check);

        DockerInstruction entry = Assert.Single(Dockerfile.Named(_file.Final, "ENTRYPOINT"));
        Assert.True(DockerInstruction.IsExecForm(entry.Arguments, out string[] words), $"exec form (signals reach the server): {entry}");
        Assert.Equal("/app/splitdns", words[0]);
    }

    [Fact]
    public void Dockerfile_DataDirectory_IsTheVolumeAndMatchesStorePath()
    {
        DockerInstruction volume = Assert.Single(Dockerfile.Named(_file.Final, "VOLUME"));
        Assert.True(DockerInstruction.IsExecForm(volume.Arguments, out string[] paths), volume.ToString());
        string workdir = Assert.Single(Dockerfile.Named(_file.Final, "WORKDIR")).Arguments;

        // Store:Path and the blocklist cache of the embedded defaults are relative: under WORKDIR.
        string appsettings = File.ReadAllText(Path.Combine(Dockerfile.RepositoryRoot(), "src", "DnsServer", "appsettings.json"));
        Assert.Contains("\"Path\": \"data/splitdns.db\"", appsettings, StringComparison.Ordinal);
        Assert.Contains("\"CacheDirectory\": \"data/blocklists\"", appsettings, StringComparison.Ordinal);
        Assert.Equal([workdir.TrimEnd('/') + "/data"], paths);
    }

    [Fact]
    public void Dockerfile_Labels_OciKeysFromBuildArguments()
    {
        string labels = string.Join(' ', Dockerfile.Named(_file.Final, "LABEL").Select(l => l.Arguments));
        foreach (string key in (string[])["title", "description", "source", "licenses", "version", "revision"])
        {
            Assert.Contains($"org.opencontainers.image.{key}=", labels, StringComparison.Ordinal);
        }

        Assert.Contains("org.opencontainers.image.licenses=\"MIT\"", labels, StringComparison.Ordinal);
        Assert.Contains("org.opencontainers.image.version=\"${VERSION}\"", labels, StringComparison.Ordinal);
        Assert.Contains("org.opencontainers.image.revision=\"${REVISION}\"", labels, StringComparison.Ordinal);

        // The image's version label defaults to the assemblies' Version.
        string props = File.ReadAllText(Path.Combine(Dockerfile.RepositoryRoot(), "Directory.Build.props"));
        string version = _file.GlobalArgument("VERSION");
        Assert.Contains($"<Version>{version}</Version>", props, StringComparison.Ordinal);
    }

    [Fact]
    public void Dockerfile_Exposes_DnsBothTransportsAndOpsHttp()
    {
        string[] ports = Dockerfile.Named(_file.Final, "EXPOSE").SelectMany(e => e.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        Assert.Equal(["53/udp", "53/tcp", "5380/tcp"], ports);
    }

    [Fact]
    public void Dockerfile_NothingPrivileged()
    {
        foreach (DockerInstruction i in _file.Stages.SelectMany(s => s))
        {
            Assert.DoesNotContain("--privileged", i.Arguments, StringComparison.Ordinal);
            Assert.DoesNotContain("security=insecure", i.Arguments, StringComparison.Ordinal);
            Assert.DoesNotContain("setcap", i.Arguments, StringComparison.Ordinal);
            Assert.DoesNotContain("chmod u+s", i.Arguments, StringComparison.Ordinal);
            Assert.DoesNotContain("sudo", i.Arguments, StringComparison.Ordinal);
        }

        // No RUN at all in the runtime stage: it has no shell, and nothing is installed into it.
        Assert.Empty(Dockerfile.Named(_file.Final, "RUN"));
    }

    [Fact]
    public void Dockerfile_Publish_FrameworkDependentForTargetArchIntoApp()
    {
        // PublishedImageTests replays exactly these lines; here their shape is pinned.
        IReadOnlyList<string> commands = _file.DotnetCommands(0);
        Assert.Equal(2, commands.Count);
        Assert.Equal("dotnet restore src/DnsServer -a $TARGETARCH", commands[0]);
        Assert.Equal(
            "dotnet publish src/DnsServer -c Release -a $TARGETARCH --self-contained false --no-restore -o /app -p:Version=$VERSION -p:SourceRevisionId=$REVISION",
            commands[1]);
    }

    [Fact]
    public void Dockerignore_KeepsBuildOutputGitAndDataOut()
    {
        string[] lines = File.ReadAllLines(Path.Combine(Dockerfile.RepositoryRoot(), ".dockerignore"));
        foreach (string pattern in (string[])[".git", "**/bin/", "**/obj/", "data/", "tests/", "bench/", "**/TestResults/", "**/*.db"])
        {
            Assert.Contains(pattern, lines);
        }
    }

    /// <summary>The --chown of the COPY that creates the volume's mount point.</summary>
    private string DataVolumeOwner()
    {
        DockerInstruction copy = Assert.Single(Dockerfile.Named(_file.Final, "COPY"), c => c.Arguments.EndsWith(" /app/data", StringComparison.Ordinal));
        string chown = copy.Arguments.Split(' ').Single(w => w.StartsWith("--chown=", StringComparison.Ordinal));
        return chown["--chown=".Length..].Split(':')[0];
    }
}
