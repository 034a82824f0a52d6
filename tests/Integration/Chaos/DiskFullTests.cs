using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SplitDns.Integration.Tests.Updates;
using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Wire;

namespace SplitDns.Integration.Tests.Chaos;

/// <summary>
/// Disk full during a commit, on a real full file system: the SQLite store lives on a 4 MiB tmpfs
/// mounted for the test (the suite runs as root), which a filler file then fills to ENOSPC. An
/// UPDATE whose commit cannot be written is refused (SERVFAIL with an EDE, nothing acknowledged,
/// nothing published); the store keeps every earlier record, the server keeps answering, updates
/// succeed again once space returns, and after a SIGKILL and restart the file passes SQLite's
/// integrity check and holds exactly what was acknowledged.
/// </summary>
public sealed class DiskFullTests
{
    [Fact]
    public async Task UpdateOnFullDisk_ServFailWithEdeAndStoreIntact_SucceedsAgainOnceSpaceReturns()
    {
        await using var disk = await SmallFileSystem.MountAsync("4m");
        string db = Path.Combine(disk.Path, "splitdns.db");
        await using SplitDnsProcess server = await SplitDnsProcess.StartAsync(ZoneFiles.Small, "",
            "{ \"Keys\": [\"" + SplitDnsProcess.KeyName + "\"], \"Networks\": [\"127.0.0.0/8\"] }",
            $$"""{ "Path": "{{db}}" }""");
        var acknowledged = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            await AddAsync(server, $"before-{i}.example.com.", acknowledged, expect: DnsRcode.NoError);
        }

        disk.Fill();

        // SQLite may still fit a few commits in the WAL's slack; keep adding (bounded) until one
        // cannot be written. The WAL grows by every commit, so the disk runs out within a few.
        DnsMessage? refused = null;
        string? refusedName = null;
        for (int i = 0; i < 200 && refused is null; i++)
        {
            string name = $"during-{i}.example.com.";
            DnsMessage r = await AddAsync(server, name, acknowledged, expect: null);
            if (r.Rcode != DnsRcode.NoError)
            {
                (refused, refusedName) = (r, name);
            }
        }

        Assert.True(refused is not null, "the full disk never refused an update\n" + server.Log);
        Assert.Equal(DnsRcode.ServFail, refused.Rcode);
        ExtendedDnsError ede = Assert.Single(refused.Edns!.GetExtendedErrors());
        Assert.Equal(ExtendedDnsErrorCode.Other, ede.Code);
        Assert.Contains("disk is full", ede.Text, StringComparison.Ordinal);
        Assert.Contains("not acknowledged", ede.Text, StringComparison.Ordinal);
        // Still full: refused again, and the server keeps answering queries from memory.
        Assert.Equal(DnsRcode.ServFail, (await AddAsync(server, "still-full.example.com.", acknowledged, expect: null)).Rcode);
        await AssertZoneAsync(server, acknowledged, absent: [refusedName!, "still-full.example.com."]);

        disk.Free();
        await AddAsync(server, "after.example.com.", acknowledged, expect: DnsRcode.NoError);
        await AssertZoneAsync(server, acknowledged, absent: [refusedName!, "still-full.example.com."]);

        await server.KillAsync();
        Assert.Equal("ok", IntegrityCheck(db));
        await server.StartAsync();
        await AssertZoneAsync(server, acknowledged, absent: [refusedName!, "still-full.example.com."]);
        await AddAsync(server, "after-restart.example.com.", acknowledged, expect: DnsRcode.NoError);
    }

    /// <summary>Adds a ~1 KB TXT at <paramref name="name"/>; records it as acknowledged on NOERROR.</summary>
    private static async Task<DnsMessage> AddAsync(SplitDnsProcess server, string name, List<string> acknowledged, DnsRcode? expect)
    {
        DnsMessage r = await SignedUpdates.SendAsync(server.EndPoint, SignedUpdates.Add(DnsWire.Now, SignedUpdates.BigTxt(name, 1000)));
        if (expect is { } rcode)
        {
            Assert.True(r.Rcode == rcode, $"{name}: {r.Rcode}, expected {rcode}\n{server.Log}");
        }

        if (r.Rcode == DnsRcode.NoError)
        {
            acknowledged.Add(name);
        }

        return r;
    }

    private static async Task AssertZoneAsync(SplitDnsProcess server, List<string> acknowledged, string[] absent)
    {
        ToolResult r = await server.DigAsync("-y", SplitDnsProcess.KeySpec, "+noall", "+answer", "example.com", "AXFR");
        Assert.True(r.ExitCode == 0 && r.StandardOutput.Contains("SOA", StringComparison.Ordinal), r.ToString());
        HashSet<string> names = r.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split([' ', '\t'], 2)[0]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.All(acknowledged, n => Assert.Contains(n, names));
        Assert.All(absent, n => Assert.DoesNotContain(n, names));
        Assert.Contains("www.example.com.", names);
    }

    private static string IntegrityCheck(string db)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString());
        connection.Open();
        using SqliteCommand cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA integrity_check;";
        return (string)cmd.ExecuteScalar()!;
    }

    /// <summary>A tmpfs of a fixed size mounted on a fresh temp folder; unmounted (lazily) on dispose.</summary>
    private sealed class SmallFileSystem : IAsyncDisposable
    {
        private SmallFileSystem(string path) => Path = path;

        public string Path { get; }

        private string Filler => System.IO.Path.Combine(Path, "filler");

        public static async Task<SmallFileSystem> MountAsync(string size)
        {
            string dir = Directory.CreateTempSubdirectory("splitdns-full-").FullName;
            ToolResult r = await RunAsync("mount", "-t", "tmpfs", "-o", $"size={size},mode=0755", "tmpfs", dir);
            Assert.True(r.ExitCode == 0, "mount tmpfs (needs root, as the suite runs): " + r);
            return new SmallFileSystem(dir);
        }

        /// <summary>Writes a filler file until the file system says ENOSPC.</summary>
        public void Fill()
        {
            byte[] block = new byte[4096];
            using var filler = new FileStream(Filler, FileMode.Create, FileAccess.Write, FileShare.None, 1);
            try
            {
                for (int i = 0; i < 1 << 20; i++)
                {
                    filler.Write(block);
                }
            }
            catch (IOException)
            {
                // ENOSPC: full.
            }

            Assert.True(new DriveInfo(Path).AvailableFreeSpace < 4096, "the file system is not full");
        }

        public void Free() => File.Delete(Filler);

        public async ValueTask DisposeAsync()
        {
            await RunAsync("umount", "--lazy", Path);
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        private static Task<ToolResult> RunAsync(string tool, params string[] args) =>
            ClientTool.RunAsync(tool, args, null, TimeSpan.FromSeconds(20));
    }
}
