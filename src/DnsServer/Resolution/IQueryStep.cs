namespace SplitDns.Server.Resolution;

/// <summary>
/// One step of the resolver chain (CoreDNS's plugin handler in C#). A step either answers by
/// filling <see cref="QueryContext"/>'s response, or calls <paramref name="next"/>; never both.
/// Steps complete synchronously on the authoritative path so the chain allocates nothing.
/// </summary>
public interface IQueryStep
{
    ValueTask InvokeAsync(QueryContext ctx, QueryDelegate next);
}
