namespace SplitDns.Protocol.Records;

/// <summary>
/// One presentation token. <see cref="Text"/> is raw: escapes (\X, \DDD) are still in it, so a
/// name keeps "\." as an escaped dot while TXT decodes it to a byte.
/// </summary>
public readonly record struct RdataToken(string Text, bool Quoted, int Line = 0, int Column = 0);
