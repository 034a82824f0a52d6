using SplitDns.ZoneStore.Updates;

namespace SplitDns.ZoneStore.Writing;

/// <summary>One UPDATE-shaped change waiting in its zone's queue for the group commit of <see cref="ZoneWriter"/>.</summary>
internal sealed class PendingChange
{
    private readonly TaskCompletionSource<UpdateResult> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PendingChange(ZoneChangeRequest request) => Request = request;

    public ZoneChangeRequest Request { get; }

    /// <summary>The outcome against the batch's state, set before the batch commits.</summary>
    public UpdateResult? Result { get; set; }

    public Task<UpdateResult> Completion => _done.Task;

    public void Complete() => _done.TrySetResult(Result!);

    public void Fail(Exception exception) => _done.TrySetException(exception);
}
