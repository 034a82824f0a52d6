using System.Text.Json;
using SplitDns.Integration.Tests.Infrastructure;

namespace SplitDns.Integration.Tests.Server;

/// <summary>
/// A short version of bench/load/mutate.sh: 20,000 mutated packets (bit flips, truncations,
/// length-field lies, pointer loops, random OPT options; a share over TCP with lying length
/// prefixes and split writes) from bench/load/mutate.py against the in-process server. The
/// server keeps answering a control query throughout and after, and no UDP reply to a packet
/// that is not a valid query (nor any FORMERR/NOTIMP/REFUSED reply) is larger than the packet.
/// </summary>
public class MutationRunTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const int Packets = 20_000;

    [Fact]
    public async Task Mutated_packets_never_stop_the_server_nor_get_a_larger_reply()
    {
        string script = Path.Combine(AppContext.BaseDirectory, "Mutation", "mutate.py");
        ToolResult run = await ClientTool.RunAsync("python3",
            [script, "--server", server.Address.ToString(), "--port", server.Port.ToString(),
             "--count", Packets.ToString(), "--seconds", "120", "--tcp-share", "0.1",
             "--zone", "example.com", "--control", "example.com"],
            null, TimeSpan.FromSeconds(180));
        Assert.False(run.TimedOut, run.ToString());

        string last = run.StandardOutput.TrimEnd().Split('\n')[^1];
        using JsonDocument result = JsonDocument.Parse(last);
        JsonElement r = result.RootElement;
        Assert.True(r.GetProperty("alive").GetBoolean(), run.ToString());
        Assert.Equal(0, r.GetProperty("violations").GetInt32());
        Assert.Equal(0, r.GetProperty("stalls").GetInt32());
        Assert.True(r.GetProperty("control_ok").GetInt32() > 0, run.ToString());
        Assert.Equal(Packets, r.GetProperty("packets").GetInt32());
        Assert.True(r.GetProperty("udp_replies").GetInt32() > 0, run.ToString());
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("NOERROR", server.Dig.Query("example.com SOA").Status);
    }
}
