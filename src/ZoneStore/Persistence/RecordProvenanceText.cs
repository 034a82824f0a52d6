namespace SplitDns.ZoneStore.Persistence;

/// <summary>The persisted text of <see cref="RecordProvenance"/>, shared by every store (never rename a value).</summary>
internal static class RecordProvenanceText
{
    public static string Format(RecordProvenance p) => p switch
    {
        RecordProvenance.File => "file",
        RecordProvenance.Dynamic => "dynamic",
        RecordProvenance.Api => "api",
        _ => throw new ArgumentOutOfRangeException(nameof(p)),
    };

    public static RecordProvenance Parse(string text) => text switch
    {
        "file" => RecordProvenance.File,
        "dynamic" => RecordProvenance.Dynamic,
        "api" => RecordProvenance.Api,
        _ => throw new InvalidDataException($"unknown provenance '{text}' in the store"),
    };
}
