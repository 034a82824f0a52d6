using System.Diagnostics.Metrics;

namespace SplitDns.Blocking.Tests;

/// <summary>The "SplitDns.Blocking" meter, observed with a MeterListener.</summary>
public sealed partial class BlocklistCatalogTests
{
    [Fact]
    public async Task Meter_ReportsListGaugesIndexSizeAndRefreshResults()
    {
        string path = _dir.File("ads.txt", "a.example\nb.example\nnot valid!\n");
        using BlocklistCatalog catalog = Catalog(lists: [List("ads", path), List("gone", _dir.Combine("gone.txt"))]);
        var seen = new List<(string Instrument, long Value, Dictionary<string, string?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, catalog.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            lock (seen)
            {
                seen.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString())));
            }
        });
        listener.Start();

        await catalog.LoadLocalAsync(CancellationToken.None);
        await catalog.RefreshAsync(null, CancellationToken.None);
        listener.RecordObservableInstruments();

        Assert.Equal("SplitDns.Blocking", catalog.Meter.Name);
        Assert.Contains(seen, m => m.Instrument == "splitdns.blocking.list.entries" && m.Tags["list"] == "ads" && m.Value == 2);
        Assert.Contains(seen, m => m.Instrument == "splitdns.blocking.list.entries" && m.Tags["list"] == "gone" && m.Value == 0);
        Assert.Contains(seen, m => m.Instrument == "splitdns.blocking.list.invalid_lines" && m.Tags["list"] == "ads" && m.Value == 1);
        Assert.Contains(seen, m => m.Instrument == "splitdns.blocking.list.last_success" && m.Tags["list"] == "ads"
            && Math.Abs(m.Value - DateTimeOffset.UtcNow.ToUnixTimeSeconds()) < 3600);
        Assert.DoesNotContain(seen, m => m.Instrument == "splitdns.blocking.list.last_success" && m.Tags["list"] == "gone");
        Assert.Contains(seen, m => m.Instrument == "splitdns.blocking.index.names" && m.Value == 2);
        Assert.Contains(seen, m => m.Instrument == "splitdns.blocking.refreshes" && m.Tags["list"] == "ads" && m.Tags["result"] == "not_modified");
        Assert.Contains(seen, m => m.Instrument == "splitdns.blocking.refreshes" && m.Tags["list"] == "gone" && m.Tags["result"] == "failed");
    }

    [Fact]
    public void Dispose_DisposesTheMeter()
    {
        BlocklistCatalog catalog = Catalog(lists: [List("a", "a.txt")]);
        bool ended = false;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, catalog.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.MeasurementsCompleted = (_, _) => ended = true;
        listener.Start();

        catalog.Dispose();

        Assert.True(ended);
    }
}
