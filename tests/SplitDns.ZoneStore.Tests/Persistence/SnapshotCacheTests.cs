using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;
using SplitDns.ZoneStore.Memory;
using SplitDns.ZoneStore.Persistence;

namespace SplitDns.ZoneStore.Tests.Persistence;

/// <summary>The local snapshot cache a replica serves from when it starts with the shared database down.</summary>
public sealed class SnapshotCacheTests : IDisposable
{
    private static readonly DnsName s_origin = DnsName.Parse("example.com.");
    private readonly string _dir = Directory.CreateTempSubdirectory("splitdns-cache-").FullName;

    private static ZoneSnapshot Zone(string address) => ZoneSnapshot.Create(s_origin,
    [
        TestRecords.Rr("example.com. 3600 IN SOA ns1.example.com. hostmaster.example.com. 42 7200 900 1209600 300"),
        TestRecords.Rr("example.com. 3600 IN NS ns1.example.com."),
        TestRecords.Rr($"ns1.example.com. 3600 IN A {address}"),
        TestRecords.Rr("txt.example.com. 60 IN TXT \"heritage=external-dns,external-dns/owner=k8s\""),
    ]);

    [Fact]
    public void SaveThenTryLoad_ReturnsTheSameRecordsAndSerial()
    {
        var cache = new SnapshotCache(_dir);
        ZoneSnapshot zone = Zone("192.0.2.1");

        cache.Save(ZoneKey.Shared(s_origin), zone);
        ZoneSnapshot? loaded = cache.TryLoad(ZoneKey.Shared(s_origin), out string? problem);

        Assert.Null(problem);
        Assert.NotNull(loaded);
        Assert.Equal(42u, loaded.Serial);
        Assert.Equal(Texts(zone), Texts(loaded));
    }

    [Fact]
    public void Save_ViewInstance_KeptApartFromTheSharedOne()
    {
        var cache = new SnapshotCache(_dir);
        cache.Save(ZoneKey.Shared(s_origin), Zone("192.0.2.1"));
        cache.Save(new ZoneKey("tailscale", s_origin), Zone("100.64.0.1"));

        ZoneSnapshot view = cache.TryLoad(new ZoneKey("tailscale", s_origin), out _)!;
        ZoneSnapshot shared = cache.TryLoad(ZoneKey.Shared(s_origin), out _)!;

        Assert.Contains(view.Records, r => r.Data.ToString() == "100.64.0.1");
        Assert.Contains(shared.Records, r => r.Data.ToString() == "192.0.2.1");
        Assert.NotEqual(cache.PathOf(ZoneKey.Shared(s_origin)), cache.PathOf(new ZoneKey("tailscale", s_origin)));
    }

    [Fact]
    public void Save_Again_ReplacesTheCopyAndLeavesNoTemporaryFile()
    {
        var cache = new SnapshotCache(_dir);
        cache.Save(ZoneKey.Shared(s_origin), Zone("192.0.2.1"));
        cache.Save(ZoneKey.Shared(s_origin), Zone("192.0.2.9"));

        ZoneSnapshot loaded = cache.TryLoad(ZoneKey.Shared(s_origin), out _)!;

        Assert.Contains(loaded.Records, r => r.Data.ToString() == "192.0.2.9");
        Assert.DoesNotContain(loaded.Records, r => r.Data.ToString() == "192.0.2.1");
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void TryLoad_NoCopy_SaysSo()
    {
        Assert.Null(new SnapshotCache(_dir).TryLoad(ZoneKey.Shared(s_origin), out string? problem));
        Assert.Contains("no cached copy", problem);
    }

    [Fact]
    public void TryLoad_DamagedCopy_ReturnsNullWithFileAndLine()
    {
        var cache = new SnapshotCache(_dir);
        string path = cache.PathOf(ZoneKey.Shared(s_origin));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "example.com. 3600 IN SOA ns1.example.com. hostmaster.example.com. 1 2 3 4 5\nbroken.example.com. 60 IN A not-an-address\n");

        Assert.Null(cache.TryLoad(ZoneKey.Shared(s_origin), out string? problem));
        Assert.Contains(":2", problem);
    }

    private static List<string> Texts(ZoneSnapshot zone) => zone.Records.Select(r => r.ToString()).Order(StringComparer.Ordinal).ToList();

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
