namespace SplitDns.Protocol.Records;

/// <summary>Presentation-form RDATA is invalid. The zone parser adds file:line:column.</summary>
public sealed class RdataFormatException : FormatException
{
    public RdataFormatException(string message) : base(message)
    {
    }

    public RdataFormatException(string message, int tokenIndex) : base(message) => TokenIndex = tokenIndex;

    /// <summary>Index of the offending token within the RDATA, when known.</summary>
    public int TokenIndex { get; init; } = -1;
}
