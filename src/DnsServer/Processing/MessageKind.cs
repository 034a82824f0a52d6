namespace SplitDns.Server.Processing;

/// <summary>Kinds of messages routed to an <see cref="IMessageHandler"/> instead of the resolver chain.</summary>
public enum MessageKind
{
    /// <summary>OPCODE UPDATE (RFC 2136). Without a handler: NOTIMP.</summary>
    Update = 1,

    /// <summary>OPCODE NOTIFY (RFC 1996). Without a handler: NOTIMP.</summary>
    Notify = 2,

    /// <summary>QUERY with QTYPE AXFR or IXFR. Without a handler: REFUSED.</summary>
    Transfer = 3,
}
