using Azure;
using Azure.Data.Tables;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Outcomes;
using NgoFunctions.Core.Registry;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Webhooks;

/// <summary>Each NGO's webhook registration (NgoWebhooks table, <see cref="WebhookRegistrationEntity"/>):
/// register (a new signing secret each time, shown once), read without the secret, remove. Whether an
/// NGO has one is asked on every change of the NGO's cases (<see cref="WebhookDispatcher"/>), so it is also
/// marked on the NGO's registry row (<see cref="NgoEntity.HasWebhook"/>, merged after the registration is
/// stored, cleared after it is removed) and read from the registry the router keeps in memory
/// (<see cref="NgoDirectory"/>, <c>Routing:DirectoryCacheSeconds</c>): no storage call on the request path.
/// Storage failures surface as <see cref="RequestFailedException"/> (the caller answers 503 and the NGO
/// sends the call again, which completes both writes).</summary>
public sealed class NgoWebhooks(StorageTables tables, NgoDirectory directory, WebhookUrlRule rule, WebhookSecrets secrets, Texts texts, TimeProvider clock)
{
    private readonly StorageTables _tables = tables;
    private readonly WebhookUrlRule _rule = rule;
    private readonly WebhookSecrets _secrets = secrets;
    private readonly Texts _texts = texts;
    private readonly TimeProvider _clock = clock;

    /// <summary>Registers <paramref name="url"/> for <paramref name="ngoId"/>, replacing any endpoint and
    /// secret it had (the old secret stops signing at once). Rejected (field <c>url</c>, in
    /// <paramref name="language"/>) for a URL <see cref="WebhookUrlRule"/> refuses; Conflict
    /// (<c>webhook.unavailable</c>) when no signing key is configured here.</summary>
    public async Task<Outcome<WebhookRegistered>> RegisterAsync(string ngoId, string? url, Language language, CancellationToken cancellationToken)
    {
        if (_rule.Check(url, out var uri) is { } problem)
        {
            return new Outcome<WebhookRegistered>.Rejected(new Dictionary<string, string[]> { ["url"] = [_texts.Get(problem, language)] });
        }

        if (!_secrets.IsConfigured)
        {
            return new Outcome<WebhookRegistered>.Conflict(new LocalText("webhook.unavailable"));
        }

        var registration = new WebhookRegistrationEntity
        {
            PartitionKey = ngoId,
            RowKey = Keys.WebhookRegistrationRow,
            Url = uri!.AbsoluteUri,
            RegistrationId = WebhookSecrets.NewRegistrationId(),
            CreatedAt = _clock.GetUtcNow(),
        };
        await _tables.NgoWebhooks.UpsertEntityAsync(registration, TableUpdateMode.Replace, cancellationToken);
        await MarkAsync(ngoId, true, cancellationToken);
        return new Outcome<WebhookRegistered>.Done(new WebhookRegistered(registration.Url, _secrets.For(ngoId, registration.RegistrationId), registration.CreatedAt));
    }

    /// <summary><paramref name="ngoId"/>'s webhook without its secret; NotFound (<c>webhook.notfound</c>) when it has none.</summary>
    public async Task<Outcome<WebhookView>> GetAsync(string ngoId, CancellationToken cancellationToken) =>
        await FindAsync(ngoId, cancellationToken) is { } found
            ? new Outcome<WebhookView>.Done(new WebhookView(found.Url, found.CreatedAt))
            : new Outcome<WebhookView>.NotFound(new LocalText("webhook.notfound"));

    /// <summary>Removes <paramref name="ngoId"/>'s webhook (nothing more is sent, events on their way
    /// included); nothing to do when it has none. Its delivery records are kept.</summary>
    public async Task RemoveAsync(string ngoId, CancellationToken cancellationToken)
    {
        await _tables.NgoWebhooks.DeleteEntityAsync(ngoId, Keys.WebhookRegistrationRow, ETag.All, cancellationToken);
        await MarkAsync(ngoId, false, cancellationToken);
    }

    /// <summary><paramref name="ngoId"/>'s registration, or <c>null</c>: one point read.</summary>
    public async Task<WebhookRegistrationEntity?> FindAsync(string ngoId, CancellationToken cancellationToken)
    {
        var found = await _tables.NgoWebhooks.GetEntityIfExistsAsync<WebhookRegistrationEntity>(ngoId, Keys.WebhookRegistrationRow, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Whether <paramref name="ngoId"/> has a webhook, from the registry in memory (a registration
    /// made in another instance is seen within <c>Routing:DirectoryCacheSeconds</c>).</summary>
    public async Task<bool> IsRegisteredAsync(string ngoId, CancellationToken cancellationToken) =>
        (await directory.GetAllAsync(cancellationToken)).Any(n => n.Id == ngoId && n.HasWebhook);

    /// <summary>The signing secret of <paramref name="registration"/>.</summary>
    public string SecretOf(WebhookRegistrationEntity registration) => _secrets.For(registration.PartitionKey, registration.RegistrationId);

    // Merged onto the NGO's registry row (only this property; any ETag: the registry keeps it on its own
    // updates, and one racing this fails its if-match and is sent again).
    private async Task MarkAsync(string ngoId, bool registered, CancellationToken cancellationToken)
    {
        await _tables.Ngos.UpdateEntityAsync(
            new TableEntity(Keys.NgoPartition, ngoId) { [nameof(NgoEntity.HasWebhook)] = registered }, ETag.All, TableUpdateMode.Merge, cancellationToken);
        directory.Invalidate();
    }
}
