using Grpc.Core;
using NgoFunctions.LocalHost.FunctionRpc;

namespace NgoFunctions.LocalHost.Worker;

/// <summary>The host side of the protocol's one service: the worker opens <c>EventStream</c> and sends
/// <c>StartStream</c> with its id; the rest of the stream is <see cref="WorkerChannel"/>'s.</summary>
internal sealed class FunctionRpcService(WorkerChannel channel) : FunctionRpc.FunctionRpc.FunctionRpcBase
{
    public override async Task EventStream(
        IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
    {
        if (!await requestStream.MoveNext(context.CancellationToken) || requestStream.Current.ContentCase != StreamingMessage.ContentOneofCase.StartStream)
        {
            throw new Grpc.Core.RpcException(new Status(StatusCode.FailedPrecondition, "A worker's stream starts with StartStream."));
        }

        await channel.ServeAsync(requestStream.Current.StartStream.WorkerId, requestStream, responseStream, context.CancellationToken);
    }
}
