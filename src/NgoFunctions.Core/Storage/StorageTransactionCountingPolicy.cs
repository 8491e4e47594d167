using Azure.Core;
using Azure.Core.Pipeline;

namespace NgoFunctions.Core.Storage;

/// <summary>An Azure SDK pipeline policy, added per retry to the storage clients' options, that
/// counts every request the client sends into a <see cref="StorageTransactionCounter"/>.</summary>
/// <param name="counter">Where to count.</param>
/// <param name="service">Which service the client talks to.</param>
public sealed class StorageTransactionCountingPolicy(StorageTransactionCounter counter, StorageService service) : HttpPipelineSynchronousPolicy
{
    /// <inheritdoc />
    public override void OnSendingRequest(HttpMessage message)
    {
        if (service == StorageService.Table)
        {
            counter.CountTable();
        }
        else
        {
            counter.CountQueue();
        }
    }
}
