// The Azure Functions app (.NET isolated worker) on a Flex Consumption plan, its app settings
// and its inbound access restrictions.
//
// Identity: only the user-assigned identity is attached. It is used for
//   - the runtime storage connection (AzureWebJobsStorage__credential/__clientId),
//   - the deployment package container (functionAppConfig.deployment.storage.authentication),
//   - Key Vault references (keyVaultReferenceIdentity),
//   - Application Insights ingestion (APPLICATIONINSIGHTS_AUTHENTICATION_STRING).
// FUNCTIONS_WORKER_RUNTIME / FUNCTIONS_EXTENSION_VERSION are not app settings on Flex
// Consumption: the runtime is declared in functionAppConfig.runtime.

import { tagsType, queueNames, tableNames, secretNames, deploymentContainerName, edgeClientAddressHeader } from '../shared/constants.bicep'

@description('Name of the function app (also its default host name prefix).')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the app; azd-service-name is added here.')
param tags tagsType

@description('Name of the azd service this app hosts (azure.yaml services key).')
param serviceName string

@description('Resource ID of the Flex Consumption plan.')
param planId string

@description('Name of the user-assigned identity attached to the app.')
param identityName string

@description('Name of the storage account (runtime storage, deployment package, queues, tables).')
param storageAccountName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Name of the Key Vault holding the app secrets.')
param keyVaultName string

@description('Functions runtime language stack.')
param runtimeName string

@description('Version of the runtime stack.')
param runtimeVersion string

@description('Maximum number of instances the app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory size of each instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Base URL of the Telegram Bot API.')
param telegramApiBaseUrl string

@description('CIDR ranges (for example 203.0.113.0/24) allowed to reach the app. Empty: no restriction.')
param adminAllowedIpRanges string[]

@description('Extra CIDR ranges allowed only when adminAllowedIpRanges is non-empty (for example the Telegram webhook source ranges).')
param additionalAllowedIpRanges string[]

@description('Front Door ID (X-Azure-FDID) of the profile in front of the app. Non-empty: the main site accepts only that profile (plus the IP ranges above) and the app reads the client address from the header Front Door sets. Empty: no edge.')
param frontDoorId string

@description('Public HTTPS base URL (scheme and host) the app hands out in links, e.g. the Front Door endpoint. Empty: links use the request\'s own host.')
param publicBaseUrl string

@description('Resource ID of the subnet (delegated to Microsoft.App/environments) the app sends its outbound traffic through. Empty: no virtual network integration.')
param virtualNetworkSubnetId string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource storage 'Microsoft.Storage/storageAccounts@2026-06-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource vault 'Microsoft.KeyVault/vaults@2026-05-15' existing = {
  name: keyVaultName
}

// Inbound access restrictions. App Service evaluates them per request before the Functions host
// sees it, for the whole site: they cannot be limited to a URL path. The main site and the SCM
// (deployment) site get separate lists: the Front Door rule belongs on the main site only, while the
// SCM site keeps exactly the IP rules it had, so `azd deploy` works as before.
var restrictAccess = !empty(adminAllowedIpRanges)
var behindEdge = !empty(frontDoorId)
var adminRules = [
  for (cidr, i) in adminAllowedIpRanges: {
    name: 'admin-${i}'
    description: 'Admin range from adminAllowedIpRanges.'
    action: 'Allow'
    ipAddress: cidr
    priority: 100 + i
  }
]
var additionalRules = [
  for (cidr, i) in additionalAllowedIpRanges: {
    name: 'extra-${i}'
    description: 'Range from additionalAllowedIpRanges.'
    action: 'Allow'
    ipAddress: cidr
    priority: 500 + i
  }
]
var ipRules = restrictAccess ? concat(adminRules, additionalRules) : []
// The AzureFrontDoor.Backend service tag covers every Front Door profile of every customer; the
// X-Azure-FDID header narrows it to ours (Front Door sets it itself, a client cannot choose it).
var frontDoorRules = behindEdge
  ? [
      {
        name: 'front-door'
        description: 'This Front Door profile only (service tag and X-Azure-FDID).'
        action: 'Allow'
        tag: 'ServiceTag'
        ipAddress: 'AzureFrontDoor.Backend'
        headers: {
          'x-azure-fdid': [
            frontDoorId
          ]
        }
        priority: 300
      }
    ]
  : []

// Key Vault reference for a secret, without a version: the app always gets the latest version.
var keyVaultSecretsBaseUri = '${vault.properties.vaultUri}secrets/'

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: planId
    // Flex Consumption virtual network integration: the app's outbound traffic (storage, Key Vault,
    // the Telegram Bot API, Application Insights) leaves through this subnet, so the private DNS zones
    // send storage and Key Vault traffic to their private endpoints. Inbound is unchanged.
    virtualNetworkSubnetId: empty(virtualNetworkSubnetId) ? null : virtualNetworkSubnetId
    httpsOnly: true
    publicNetworkAccess: 'Enabled'
    // Identity App Service uses to resolve @Microsoft.KeyVault(...) app settings.
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      http20Enabled: true
      ipSecurityRestrictions: concat(frontDoorRules, ipRules)
      ipSecurityRestrictionsDefaultAction: restrictAccess || behindEdge ? 'Deny' : 'Allow'
      // The SCM (Kudu / deployment) endpoint has its own copy of the IP rules, without Front Door:
      // deployments do not go through the edge.
      scmIpSecurityRestrictionsUseMain: false
      scmIpSecurityRestrictions: ipRules
      scmIpSecurityRestrictionsDefaultAction: restrictAccess ? 'Deny' : 'Allow'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: runtimeName
        version: runtimeVersion
      }
    }
  }
}

// Basic-auth (publishing profile) deployment is switched off; `azd deploy` uses Microsoft Entra ID.
resource ftpPublishingCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishingCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: {
    // Functions runtime storage, identity-based (no connection string, no account key).
    AzureWebJobsStorage__accountName: storage.name
    AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
    AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
    AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identity.properties.clientId

    // Lets DefaultAzureCredential / ManagedIdentityCredential in application code pick the
    // user-assigned identity (the app has no system-assigned identity).
    AZURE_CLIENT_ID: identity.properties.clientId

    // Application storage names.
    Storage__RequestsTable: tableNames.serviceRequests
    Storage__NgosTable: tableNames.ngos
    Storage__NgoCasesTable: tableNames.ngoCases
    Storage__PoisonMessagesTable: tableNames.poisonMessages
    Queues__RequestsSubmitted: queueNames.requestsSubmitted
    Queues__Notifications: queueNames.notifications
    Queues__TelegramUpdates: queueNames.telegramUpdates
    Queues__Webhooks: queueNames.webhooks
    // How long the router trusts its in-memory copy of an NGO's load counter (reservations stay exact).
    Routing__LoadCacheSeconds: '5'
    // The SLA sweep's timer schedule: the host resolves %Sla:SweepSchedule% when it indexes the function.
    Sla__SweepSchedule: '0 */5 * * * *'
    // The stale-request sweep's timer schedule, resolved the same way (%Routing:ResubmitSchedule%).
    Routing__ResubmitSchedule: '*/30 * * * * *'
    // The waitlist sweep's timer schedule (%Routing:WaitlistSweepSchedule%): free places filled again, late emergencies flagged.
    Routing__WaitlistSweepSchedule: '0 * * * * *'
    // The retention sweep's timer schedule (%Retention:Schedule%): personal data past its period, abandoned drafts.
    Retention__Schedule: '0 0 2 * * *'
    // The closure sweep's timer schedule (%Closure:SweepSchedule%): resolved requests the citizen never
    // answered are closed unconfirmed after Closure:ConfirmAfterDays (14 by default, not set here).
    Closure__SweepSchedule: '0 0 * * * *'
    Storage__NgoApiKeysTable: tableNames.ngoApiKeys
    Storage__PartnerApiKeysTable: tableNames.partnerApiKeys
    Storage__ConversationsTable: tableNames.conversations
    Storage__RequestIndexTable: tableNames.requestIndex
    Storage__IntakeGuardsTable: tableNames.intakeGuards
    Storage__WaitlistTable: tableNames.waitlist
    Storage__NgoWebhooksTable: tableNames.ngoWebhooks

    // Where the per-address intake limit finds the client's address. Behind Front Door the
    // connection's address is a Front Door edge server, shared by many citizens, so the app reads the
    // header the edge's rule set overwrites with the socket address on every request (front-door.bicep
    // says why neither X-Forwarded-For nor X-Azure-ClientIP). Trusting it is safe only because the
    // access restrictions above let nothing but this Front Door profile reach the main site (and the
    // operators' own ranges, if set). Empty without an edge: the connection's address.
    IntakeLimits__ForwardedForHeader: behindEdge ? edgeClientAddressHeader : ''
    // Links the API hands out (a request's status URL, a new NGO's Location): behind the edge the request
    // names this app's own host, closed to everyone but Front Door, so they start with the public address.
    Http__PublicBaseUrl: publicBaseUrl

    // Telegram.
    Telegram__BotToken: '@Microsoft.KeyVault(SecretUri=${keyVaultSecretsBaseUri}${secretNames.telegramBotToken})'
    Telegram__WebhookSecret: '@Microsoft.KeyVault(SecretUri=${keyVaultSecretsBaseUri}${secretNames.telegramWebhookSecret})'
    Telegram__ApiBaseUrl: telegramApiBaseUrl
    // The Mini App form the bot's web_app button opens: on the public address (Telegram opens only HTTPS pages).
    Telegram__MiniAppUrl: '${empty(publicBaseUrl) ? 'https://${functionApp.properties.defaultHostName}' : publicBaseUrl}/api/miniapp'

    // NGO webhooks: each NGO's signing secret is derived from this key, never stored (docs/ngo-api.md).
    Webhooks__SigningKey: '@Microsoft.KeyVault(SecretUri=${keyVaultSecretsBaseUri}${secretNames.webhookSigningKey})'

    // The ministry's requests.csv names each request by a keyed pseudonym of its tracking code, derived
    // from this key; until the secret exists the export answers 503 (docs/ministry-api.md).
    Ministry__Exports__PseudonymKey: '@Microsoft.KeyVault(SecretUri=${keyVaultSecretsBaseUri}${secretNames.exportPseudonymKey})'

    // API key hashes.
    Security__AdminApiKeySha256: '@Microsoft.KeyVault(SecretUri=${keyVaultSecretsBaseUri}${secretNames.adminApiKeySha256})'
    Security__MinistryApiKeySha256: '@Microsoft.KeyVault(SecretUri=${keyVaultSecretsBaseUri}${secretNames.ministryApiKeySha256})'

    // Application Insights with Microsoft Entra authentication through the user-assigned identity.
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
  }
}

@description('Name of the function app.')
output name string = functionApp.name

@description('Default host name of the function app (the Front Door origin).')
output hostName string = functionApp.properties.defaultHostName

@description('HTTPS base URL of the function app itself (behind Front Door, reachable only through it or from the allowed IP ranges).')
output uri string = 'https://${functionApp.properties.defaultHostName}'
