using System.Globalization;

namespace SplitDns.Integration.Tests.Deploy;

/// <summary>
/// The image's /app, once per test class: published as the Dockerfile's build stage does
/// (<see cref="ImageBuild"/>), the folder root's and read-only to the image's user, and data/
/// (the volume) owned by that user, as the Dockerfile's <c>COPY --chown</c> leaves it.
/// </summary>
public sealed class PublishedImage : IAsyncLifetime
{
    public const string RootRequired =
        "this test must run as root (scripts/test.sh does, in CI): it starts the server as the image's user through setpriv, which needs root to switch user and set capabilities";

    private ImageBuild? _build;

    internal Dockerfile Dockerfile { get; } = Dockerfile.Load();

    public bool IsRoot { get; } = EffectiveUid() == 0;

    /// <summary>The Dockerfile's USER.</summary>
    public string Uid => Assert.Single(Dockerfile.Named(Dockerfile.Final, "USER")).Arguments.Split(':')[0];

    public string App => _build!.App;

    public string Data => Path.Combine(App, "data");

    public async Task InitializeAsync()
    {
        if (!IsRoot)
        {
            return;
        }

        _build = await ImageBuild.PublishAsync(Dockerfile);
        Directory.CreateDirectory(Data);
        Assert.Equal(0, (await ClientTool.RunAsync("chmod", ["755", _build.Root], null, TimeSpan.FromSeconds(10))).ExitCode);
        Assert.Equal(0, (await ClientTool.RunAsync("chown", [$"{Uid}:{Uid}", Data], null, TimeSpan.FromSeconds(10))).ExitCode);
    }

    public Task DisposeAsync()
    {
        _build?.Dispose();
        return Task.CompletedTask;
    }

    private static int EffectiveUid()
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("Uid:", StringComparison.Ordinal))
            {
                return int.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[2], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException("no Uid: line in /proc/self/status");
    }
}
