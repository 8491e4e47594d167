namespace NgoFunctions.Core.Routing;

/// <summary>Every routing attempt lost the race for an NGO's last places; the queue's retry will
/// decide again with fresh figures.</summary>
/// <param name="requestId">The request.</param>
public sealed class RoutingContentionException(Guid requestId)
    : Exception($"Routing {requestId} kept losing races for NGO capacity; it will be retried.");
