using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SplitDns.Integration.Tests.Deploy;

/// <summary>
/// The Dockerfile's build stage replayed on this machine without Docker: its COPY lines fill a
/// context directory from the repository (bin/ and obj/ left out, as .dockerignore does; no
/// .git), then its <c>dotnet</c> RUN lines run there as written, with TARGETARCH this
/// machine's architecture, VERSION the Dockerfile's default, REVISION <see cref="Revision"/> and
/// /app a temporary directory.
/// </summary>
internal sealed class ImageBuild : IDisposable
{
    public const string Revision = "deploytest";
    private static readonly string[] s_ignoredDirectories = ["bin", "obj", "TestResults", "BenchmarkDotNet.Artifacts"];

    private ImageBuild(string root)
    {
        Root = root;
    }

    /// <summary>Holds src/ (the build stage's WORKDIR) and app/ (the published output).</summary>
    public string Root { get; }

    public string App => Path.Combine(Root, "app");

    public static async Task<ImageBuild> PublishAsync(Dockerfile dockerfile)
    {
        var build = new ImageBuild(Directory.CreateTempSubdirectory("splitdns-image-").FullName);
        string context = Path.Combine(build.Root, "src");
        Directory.CreateDirectory(context);
        string repo = Dockerfile.RepositoryRoot();
        foreach (DockerInstruction copy in Dockerfile.Named(dockerfile.Stages[0], "COPY"))
        {
            string[] words = copy.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.DoesNotContain(words, w => w.StartsWith("--", StringComparison.Ordinal));
            string dest = Path.Combine(context, words[^1]);
            foreach (string source in words[..^1])
            {
                CopyIntoContext(Path.Combine(repo, source), dest);
            }
        }

        foreach (string command in dockerfile.DotnetCommands(0))
        {
            string line = command.Replace("$TARGETARCH", TargetArch(), StringComparison.Ordinal)
                .Replace("$VERSION", dockerfile.GlobalArgument("VERSION"), StringComparison.Ordinal)
                .Replace("$REVISION", Revision, StringComparison.Ordinal)
                .Replace(" -o /app", " -o " + build.App, StringComparison.Ordinal);
            Assert.DoesNotContain('"', line);
            Assert.DoesNotContain('$', line);
            string[] words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            ToolResult r = await RunAsync(words[0], words[1..], context, TimeSpan.FromMinutes(10));
            Assert.True(r.ExitCode == 0 && !r.TimedOut, $"{line}\n{r}");
        }

        return build;
    }

    /// <summary>BuildKit's TARGETARCH for this machine.</summary>
    public static string TargetArch() => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        var other => throw new PlatformNotSupportedException("no image for " + other),
    };

    /// <summary>COPY semantics (overwriting what an earlier COPY put there): a file into a directory destination ("dir/"), a directory's contents into the destination.</summary>
    private static void CopyIntoContext(string source, string dest)
    {
        if (File.Exists(source))
        {
            string target = dest.EndsWith('/') ? Path.Combine(dest, Path.GetFileName(source)) : dest;
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target, overwrite: true);
            return;
        }

        Assert.True(Directory.Exists(source), $"COPY source {source} does not exist");
        Directory.CreateDirectory(dest);
        foreach (string file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(dest, Path.GetFileName(file)), overwrite: true);
        }

        foreach (string dir in Directory.GetDirectories(source))
        {
            if (!s_ignoredDirectories.Contains(Path.GetFileName(dir)))
            {
                CopyIntoContext(dir, Path.Combine(dest, Path.GetFileName(dir)));
            }
        }
    }

    /// <summary>Runs a program found on PATH (dotnet) bounded in time; output captured.</summary>
    public static async Task<ToolResult> RunAsync(string program, IReadOnlyList<string> args, string workingDirectory, TimeSpan timeout,
        IReadOnlyList<KeyValuePair<string, string>>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }

        using Process p = Process.Start(start) ?? throw new InvalidOperationException("cannot start " + program);
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        bool timedOut = false;
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }

        return new ToolResult(p.ExitCode, await stdout, await stderr, timedOut);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
