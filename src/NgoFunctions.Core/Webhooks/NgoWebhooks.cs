using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Caching;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Outcomes;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Webhooks;

/// <summary>Each NGO's webhook registration (NgoWebhooks table, <see cref="WebhookRegistrationEntity"/>):
/// register (a new signing secret each time, shown once), read without the secret, remove. Whether an
/// NGO has one is also kept in memory for <see cref="WebhookOptions.RegistrationCacheSeconds"/>, since it
/// is asked on every change of the NGO's cases (<c>WebhookDispatcher</c>). A DI singleton, disposed
/// with the container. Storage failures surface as <see cref="RequestFailedException"/>.</summary>
public sealed class NgoWebhooks : IDisposable
{
    // One entry per NGO asked about: the registry's size, bounded all the same.
    private const int MaxCachedNgos = 10_000;

    private readonly StorageTables _tables;
    private readonly WebhookUrlRule _rule;
    private readonly WebhookSecrets _secrets;
    private readonly IOptions<WebhookOptions> _options;
    private readonly Texts _texts;
    private readonly TimeProvider _clock;
    private readonly MemoryCache _registered;

    /// <summary>Creates the registrations over the NgoWebhooks table, with the in-memory copy on <paramref name="clock"/>.</summary>
    public NgoWebhooks(StorageTables tables, WebhookUrlRule rule, WebhookSecrets secrets, IOptions<WebhookOptions> options, Texts texts, TimeProvider clock)
    {
        _tables = tables;
        _rule = rule;
        _secrets = secrets;
        _options = options;
        _texts = texts;
        _clock = clock;
        _registered = new MemoryCache(new MemoryCacheOptions { SizeLimit = MaxCachedNgos, Clock = new TimeProviderCacheClock(clock) });
    }

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
        Remember(ngoId, true);
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
        Remember(ngoId, false);
    }

    /// <summary><paramref name="ngoId"/>'s registration, or <c>null</c>: one point read.</summary>
    public async Task<WebhookRegistrationEntity?> FindAsync(string ngoId, CancellationToken cancellationToken)
    {
        var found = await _tables.NgoWebhooks.GetEntityIfExistsAsync<WebhookRegistrationEntity>(ngoId, Keys.WebhookRegistrationRow, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Whether <paramref name="ngoId"/> has a webhook, usually from memory, else one point read.</summary>
    public async Task<bool> IsRegisteredAsync(string ngoId, CancellationToken cancellationToken)
    {
        if (_registered.TryGetValue(ngoId, out bool registered))
        {
            return registered;
        }

        registered = await FindAsync(ngoId, cancellationToken) is not null;
        Remember(ngoId, registered);
        return registered;
    }

    /// <summary>The signing secret of <paramref name="registration"/>.</summary>
    public string SecretOf(WebhookRegistrationEntity registration) => _secrets.For(registration.PartitionKey, registration.RegistrationId);

    /// <inheritdoc />
    public void Dispose() => _registered.Dispose();

    private void Remember(string ngoId, bool registered)
    {
        var seconds = _options.Value.RegistrationCacheSeconds;
        if (seconds > 0)
        {
            _registered.Set(ngoId, registered, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(seconds) });
        }
    }
}
