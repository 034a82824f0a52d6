namespace SplitDns.Protocol.Wire;

/// <summary>Header OPCODE values (IANA registry). Persisted: never renumber.</summary>
public enum DnsOpcode : byte
{
    Query = 0,
    IQuery = 1,
    Status = 2,
    Notify = 4,
    Update = 5,
    Dso = 6,
}
