using SplitDns.Integration.Tests.Infrastructure;
using SplitDns.Server.Zones;

namespace SplitDns.Integration.Tests.Server;

/// <summary>Item 6: reload on file change; a broken file keeps the last good zone serving.</summary>
public class ZoneReloadTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private string ZoneFile => Path.Combine(server.ZoneDirectory, "chains.zone");

    [Fact]
    public async Task FileChanged_NewVersionServed_BrokenFileKeepsLastGood()
    {
        string original = File.ReadAllText(ZoneFile);
        File.WriteAllText(ZoneFile, original.Replace("SOA   ns hostmaster 7", "SOA   ns hostmaster 8") + "added A 192.0.2.200\n");

        Assert.True(WaitFor(() => server.Dig.Query("added.chains.test A").Answer.Count == 1), "the changed file was not picked up");
        Assert.Contains(" 8 3600 900 604800 120", server.Dig.Query("chains.test SOA").Answer.Single());

        File.WriteAllText(ZoneFile, original.Replace("SOA   ns hostmaster 7", "SOA   ns hostmaster 9") + "broken A not-an-address\n");
        await server.Get<ZoneFileService>().ReloadAsync(onlyChanged: false);

        Assert.Contains(" 8 3600 900 604800 120", server.Dig.Query("chains.test SOA").Answer.Single());
        Assert.Single(server.Dig.Query("added.chains.test A").Answer);
    }

    private static bool WaitFor(Func<bool> condition)
    {
        // Bounded: the watcher debounces 300 ms; allow ten seconds on a busy machine.
        for (int i = 0; i < 100; i++)
        {
            if (condition())
            {
                return true;
            }

            Thread.Sleep(100);
        }

        return false;
    }
}
