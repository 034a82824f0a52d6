using SplitDns.Integration.Tests.Infrastructure;

namespace SplitDns.Integration.Tests.Views;

/// <summary>UPDATE and AXFR act on one zone instance: the key's (its grants name it), else the client's view's.</summary>
public sealed class ViewUpdateTests(ViewsServerFixture server) : IClassFixture<ViewsServerFixture>
{
    [Fact]
    public async Task Nsupdate_KeyOfSharedZone_ChangesSharedInstanceOnly()
    {
        var r = await server.NsupdateFromAsync(ViewsServerFixture.Home, "externaldns", "update add shared-app.example.com 60 A 192.0.2.99");
        Assert.Equal(0, r.ExitCode);

        Assert.Contains("shared-app.example.com. 60 IN A 192.0.2.99", (await server.DigFromAsync(ViewsServerFixture.Pods, "shared-app.example.com", "A")).Answer);
        Assert.Equal("NXDOMAIN", (await server.DigFromAsync(ViewsServerFixture.Tailscale, "shared-app.example.com", "A")).Status);
    }

    [Fact]
    public async Task Nsupdate_KeyOfViewCopy_ChangesThatViewsInstanceFromAnyClient()
    {
        var r = await server.NsupdateFromAsync(ViewsServerFixture.Home, "tailscale-admin", "update add ts-app.example.com 60 A 100.64.0.99");
        Assert.Equal(0, r.ExitCode);

        Assert.Contains("ts-app.example.com. 60 IN A 100.64.0.99", (await server.DigFromAsync(ViewsServerFixture.Tailscale, "ts-app.example.com", "A")).Answer);
        DigResult home = await server.DigFromAsync(ViewsServerFixture.Home, "ts-app.example.com", "A");
        Assert.Contains("ts-app.example.com. 300 IN A 192.168.1.58", home.Answer);
    }

    [Fact]
    public async Task Nsupdate_SharedZonesKeyFromTailscaleClient_LandsInSharedInstance()
    {
        // The key's grants name the instance, whichever view the client is in.
        var r = await server.NsupdateFromAsync(ViewsServerFixture.Tailscale, "externaldns", "update add from-ts.example.com 60 A 192.0.2.7");
        Assert.Equal(0, r.ExitCode);

        Assert.Contains("from-ts.example.com. 60 IN A 192.0.2.7", (await server.DigFromAsync(ViewsServerFixture.Pods, "from-ts.example.com", "A")).Answer);
        Assert.Equal("NXDOMAIN", (await server.DigFromAsync(ViewsServerFixture.Tailscale, "from-ts.example.com", "A")).Status);
    }

    [Fact]
    public async Task Nsupdate_Unsigned_PicksClientsViewAndIsRefusedByItsPolicy()
    {
        var r = await SplitDns.Tests.Shared.ClientTool.RunAsync("nsupdate", [],
            $"server {server.Dns.Address} {server.Dns.Port}\nlocal {ViewsServerFixture.Tailscale}\nzone example.com\nupdate add unsigned.example.com 60 A 192.0.2.8\nsend\n",
            TimeSpan.FromSeconds(20));

        Assert.Contains("REFUSED", r.Output, StringComparison.Ordinal);
        Assert.Equal("NXDOMAIN", (await server.DigFromAsync(ViewsServerFixture.Tailscale, "unsigned.example.com", "A")).Status);
    }

    [Fact]
    public async Task Axfr_FromTailscaleClient_TransfersTailscaleCopy_FromHomeRefused()
    {
        DigResult tailscale = await server.DigFromAsync(ViewsServerFixture.Tailscale, "example.com", "AXFR");
        DigResult home = await server.DigFromAsync(ViewsServerFixture.Home, "example.com", "AXFR");

        Assert.Contains(tailscale.Output.Split('\n'), l => l.Contains("100.64.0.72", StringComparison.Ordinal));
        Assert.DoesNotContain(tailscale.Output.Split('\n'), l => l.Contains("192.168.1.72", StringComparison.Ordinal));
        Assert.Contains("Transfer failed", home.Output, StringComparison.Ordinal);
    }
}
