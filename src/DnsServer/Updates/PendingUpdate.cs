using System.Net;
using SplitDns.Protocol.Wire;
using SplitDns.ZoneStore.Updates;

namespace SplitDns.Server.Updates;

/// <summary>One UPDATE waiting in its zone's queue for the group commit of <see cref="ZoneWriter"/>.</summary>
internal sealed class PendingUpdate
{
    private readonly TaskCompletionSource<UpdateResult> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PendingUpdate(DnsMessage message, ZoneUpdatePolicy policy, string? keyName, IPEndPoint client)
    {
        Message = message;
        Policy = policy;
        KeyName = keyName;
        Client = client;
    }

    public DnsMessage Message { get; }

    public ZoneUpdatePolicy Policy { get; }

    public string? KeyName { get; }

    public IPEndPoint Client { get; }

    /// <summary>The outcome against the batch's state, set before the batch commits.</summary>
    public UpdateResult? Result { get; set; }

    public Task<UpdateResult> Completion => _done.Task;

    public void Complete() => _done.TrySetResult(Result!);

    public void Fail(Exception exception) => _done.TrySetException(exception);
}
