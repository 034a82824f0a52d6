using System.Text;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Records;

namespace SplitDns.Protocol.ZoneFile;

/// <summary>One zone-level problem found by <see cref="ZoneValidator"/>, at a name (and type).</summary>
public sealed record ZoneValidationIssue(DnsName Name, RecordType Type, bool IsError, string Message)
{
    public override string ToString()
    {
        var sb = new StringBuilder();
        Name.AppendPresentation(sb);
        sb.Append(' ').Append(RecordTypeNames.ToText(Type)).Append(": ")
          .Append(IsError ? "error: " : "warning: ").Append(Message);
        return sb.ToString();
    }
}
