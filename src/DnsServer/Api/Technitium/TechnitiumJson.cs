namespace SplitDns.Server.Api.Technitium;

/// <summary>
/// The shapes of Technitium's responses, as records: written with camelCase names
/// (<see cref="TechnitiumEnvelope"/>) through <see cref="ServerJsonContext"/>, so "RData" is
/// "rData" and "Internal" is "internal", as Technitium spells them.
/// </summary>
internal static class TechnitiumJson
{
    internal sealed record Empty;

    /// <summary>A zone in zones/list (WebServiceZonesApi.cs zone info).</summary>
    internal sealed record ZoneItem(string Name, string Type, bool Internal, string DnssecStatus, uint? SoaSerial, bool NotifyFailed,
        string[] NotifyFailedFor, bool Disabled);

    internal sealed record ZoneListing(List<ZoneItem> Zones);

    internal sealed record ZonePage(int PageNumber, int TotalPages, int TotalZones, IEnumerable<ZoneItem> Zones);

    internal sealed record CreatedZone(string Domain);

    /// <summary>The zone of a record call's response.</summary>
    internal sealed record ZoneRef(string Name, string Type, bool Internal, string DnssecStatus, bool Disabled);

    /// <summary>A record; <see cref="RData"/> is one of the *Data records below.</summary>
    internal sealed record RecordItem(string Name, string Type, uint Ttl, bool Disabled, object RData, string DnssecStatus, string LastUsedOn);

    internal sealed record RecordAdded(ZoneRef Zone, RecordItem AddedRecord);

    internal sealed record RecordUpdated(ZoneRef Zone, RecordItem UpdatedRecord);

    internal sealed record RecordListing(ZoneRef Zone, List<RecordItem> Records);

    internal sealed record AddressData(string IpAddress);

    internal sealed record CnameData(string Cname);

    internal sealed record NsData(string NameServer);

    internal sealed record PtrData(string PtrName);

    internal sealed record MxData(int Preference, string Exchange);

    internal sealed record SrvData(int Priority, int Weight, int Port, string Target);

    internal sealed record CaaData(int Flags, string Tag, string Value);

    internal sealed record TxtData(string Text, bool SplitText, List<string> CharacterStrings);

    internal sealed record OtherData(string DataType, string Data);

    internal sealed record TsigKeyNameList(List<string> TsigKeyNames);

    internal sealed record TsigKeyItem(string KeyName, string SharedSecret, string AlgorithmName);

    internal sealed record TokenCreated(string Username, string TokenName, string Token);

    internal sealed record Permission(bool CanView, bool CanModify, bool CanDelete);

    internal sealed record Info(string Version, string DnsServerDomain, int DefaultRecordTtl, int DefaultNsRecordTtl, int DefaultSoaRecordTtl,
        Dictionary<string, Permission> Permissions);
}
