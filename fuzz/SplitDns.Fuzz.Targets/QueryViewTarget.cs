using SplitDns.Protocol.Edns;
using SplitDns.Protocol.Names;
using SplitDns.Protocol.Wire;

namespace SplitDns.Fuzz.Targets;

/// <summary>
/// The server's zero-allocation decoder path (QueryProcessor.Decode): <see cref="QueryView.Parse"/>
/// into a 255-byte name buffer, then what the server reads from the view: the question name
/// (a <see cref="DnsName"/> over it), the EDNS options slice and the Client Subnet
/// option in it. Documented failure: <see cref="DnsFormatException"/>.
/// </summary>
public static class QueryViewTarget
{
    [ThreadStatic]
    private static byte[]? _nameBuffer;

    public static void Run(ReadOnlySpan<byte> data)
    {
        byte[] nameBuffer = _nameBuffer ??= new byte[DnsName.MaxLength];
        QueryView view;
        try
        {
            view = QueryView.Parse(data, nameBuffer);
        }
        catch (DnsFormatException)
        {
            return;
        }

        if (view.QuestionName.Length is 0 or > DnsName.MaxLength)
        {
            throw new InvalidOperationException($"question name of {view.QuestionName.Length} bytes");
        }

        _ = DnsName.FromWire(view.QuestionName).ToString();
        if (!view.HasEdns)
        {
            return;
        }

        ReadOnlySpan<byte> options = data.Slice(view.EdnsOptionsOffset, view.EdnsOptionsLength);
        if (ClientSubnet.TryFind(options, out ReadOnlySpan<byte> ecs))
        {
            _ = ClientSubnet.TryParse(ecs, out _, out _);
        }
    }
}
