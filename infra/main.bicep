// NgoFunctions infrastructure, in the shape the Azure Developer CLI (azd) expects:
// subscription scope, so that one `azd provision` creates the resource group and everything in it.
// azd passes environmentName and location from AZURE_ENV_NAME / AZURE_LOCATION
// (see main.parameters.json) and stores the outputs below in the azd environment.

targetScope = 'subscription'

metadata description = 'NgoFunctions: .NET isolated Azure Functions on Flex Consumption behind Azure Front Door (WAF rate limits), with Storage queues and tables, Key Vault and Application Insights.'

@minLength(1)
@maxLength(64)
@description('azd environment name; names every resource and is written to the azd-env-name tag.')
param environmentName string

@minLength(1)
@description('Region of all resources; it must offer the Flex Consumption plan.')
param location string

@description('Resource group name. Empty: rg-<environmentName>.')
param resourceGroupName string = ''

@description('Object ID of the user or service principal running azd (AZURE_PRINCIPAL_ID). Non-empty: it gets Key Vault Secrets Officer on the vault.')
param principalId string = ''

@secure()
@description('Telegram bot token. Empty: the Key Vault secret is left as it is (not created or overwritten).')
param telegramBotToken string = ''

@secure()
@description('Telegram webhook secret token. Empty: the Key Vault secret is left as it is.')
param telegramWebhookSecret string = ''

@secure()
@description('Key from which each NGO webhook\'s signing secret is derived (at least 32 characters, e.g. openssl rand -base64 48). Empty: the Key Vault secret is left as it is. Changing it changes every NGO\'s secret.')
param webhookSigningKey string = ''

@secure()
@description('Key from which the request_ref of the ministry\'s requests.csv is derived, a keyed pseudonym of each tracking code (at least 32 characters, e.g. openssl rand -base64 48). Empty: the Key Vault secret is left as it is; while it does not exist, requests.csv answers 503. Changing it changes every ref.')
param exportPseudonymKey string = ''

@secure()
@description('Lower-case hex SHA-256 of the admin API key. Empty: the Key Vault secret is left as it is.')
param adminApiKeySha256 string = ''

@secure()
@description('Lower-case hex SHA-256 of the ministry API key. Empty: the Key Vault secret is left as it is.')
param ministryApiKeySha256 string = ''

@description('CIDR ranges allowed to reach the function app directly. Empty (default): no IP restriction (behind the edge, the main site still accepts only Front Door). Non-empty: the deployment endpoint, and every route not reached through Front Door, is limited to these ranges plus additionalAllowedIpRanges.')
param adminAllowedIpRanges string[] = []

@description('Ranges that stay allowed when adminAllowedIpRanges is non-empty, for example the Telegram webhook source ranges. Ignored when adminAllowedIpRanges is empty.')
param additionalAllowedIpRanges string[] = []

@description('Put Azure Front Door (Standard) with WAF rate limits in front of the app and close the app to everything else. Off only for a deployment that serves no public traffic.')
param edgeEnabled bool = true

@description('Edge limit on new requests: most POSTs to /api/requests one client address may make in 5 minutes (the app itself allows IntakeLimits:PerAddress, 5 in 10 minutes). Keep it well above the app\'s limit.')
@minValue(10)
param edgeIntakeRequestsPer5Minutes int = 50

@description('Edge limit on the whole API: most requests one client address may make in 1 minute. Telegram\'s webhook ranges are exempt.')
@minValue(10)
param edgeRequestsPerMinute int = 600

@description('Source ranges of Telegram\'s webhook calls (Bot API webhook guide), exempt from edgeRequestsPerMinute. Empty: no exemption.')
param telegramSourceRanges string[] = [
  '149.154.160.0/20'
  '91.108.4.0/22'
]

@description('Private by default: the function app joins a virtual network and reaches storage (blob, queue, table) and Key Vault through private endpoints; both refuse public network access. False: no virtual network, storage and Key Vault public (still Microsoft Entra ID only): for a cheap test deployment only.')
param privateNetworking bool = true

@description('Address space of the virtual network (privateNetworking): the app subnet is its first /24, the private endpoints\' subnet its second.')
param vnetAddressPrefix string = '10.60.0.0/16'

@description('Soft-delete retention of the Key Vault in days: how long a deleted secret or vault can be recovered. Purge protection is always on, so nothing is purged sooner.')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionInDays int = 90

@description('Accept only Microsoft Entra authenticated telemetry in Application Insights.')
param applicationInsightsDisableLocalAuth bool = true

@description('Log Analytics retention in days.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Storage replication SKU.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_RAGRS'
  'Standard_GZRS'
  'Standard_RAGZRS'
])
param storageSkuName string = 'Standard_LRS'

@description('Maximum number of Flex Consumption instances.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory of each Flex Consumption instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Zone-redundant Flex Consumption plan (only in regions that support it).')
param zoneRedundant bool = false

@description('E-mail address the alerts\' action group notifies (azd: ALERT_EMAIL). Empty: the alert rules still fire and show in the portal, but nobody is e-mailed.')
param alertEmail string = ''

@description('Base URL of the Telegram Bot API.')
param telegramApiBaseUrl string = 'https://api.telegram.org'

// Short, stable, per-environment suffix for globally unique names.
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}

var names = {
  resourceGroup: empty(resourceGroupName) ? 'rg-${environmentName}' : resourceGroupName
  identity: 'id-${resourceToken}'
  logAnalytics: 'log-${resourceToken}'
  applicationInsights: 'appi-${resourceToken}'
  storage: 'st${resourceToken}'
  keyVault: 'kv-${resourceToken}'
  plan: 'plan-${resourceToken}'
  functionApp: 'func-${resourceToken}'
  vnet: 'vnet-${resourceToken}'
  alerts: 'alert-${resourceToken}'
  frontDoor: 'afd-${resourceToken}'
  frontDoorEndpoint: 'fde-${resourceToken}'
  // WAF policy names allow letters and digits only.
  wafPolicy: 'waf${resourceToken}'
  frontDoorRuleSet: 'ClientAddress'
}

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: names.resourceGroup
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
    disableLocalAuth: applicationInsightsDisableLocalAuth
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: names.storage
    location: location
    tags: tags
    skuName: storageSkuName
    privateNetworking: privateNetworking
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: names.keyVault
    location: location
    tags: tags
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
    privateNetworking: privateNetworking
    telegramBotToken: telegramBotToken
    telegramWebhookSecret: telegramWebhookSecret
    webhookSigningKey: webhookSigningKey
    exportPseudonymKey: exportPseudonymKey
    adminApiKeySha256: adminApiKeySha256
    ministryApiKeySha256: ministryApiKeySha256
  }
}

// Alert rules on what the app logs (Application Insights) and on the storage account, with the action
// group that e-mails alertEmail; docs/operations.md says what each one means.
module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    namePrefix: names.alerts
    location: location
    tags: tags
    applicationInsightsName: names.applicationInsights
    storageAccountName: names.storage
    alertEmail: alertEmail
  }
  dependsOn: [
    monitoring
    storage
  ]
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    identityName: names.identity
    storageAccountName: names.storage
    keyVaultName: names.keyVault
    applicationInsightsName: names.applicationInsights
    deployerPrincipalId: principalId
  }
  // Names are passed rather than outputs, so the order is stated here.
  dependsOn: [
    identity
    storage
    keyVault
    monitoring
  ]
}

// With privateNetworking off (a test deployment) there is no virtual network: storage and Key Vault stay
// public (Microsoft Entra ID only) and the app reaches them over the internet.
module network 'modules/network.bicep' = if (privateNetworking) {
  name: 'network'
  scope: rg
  params: {
    name: names.vnet
    location: location
    tags: tags
    addressPrefix: vnetAddressPrefix
    storageAccountName: names.storage
    keyVaultName: names.keyVault
  }
  dependsOn: [
    storage
    keyVault
  ]
}

module plan 'modules/flex-plan.bicep' = {
  name: 'plan'
  scope: rg
  params: {
    name: names.plan
    location: location
    tags: tags
    zoneRedundant: zoneRedundant
  }
}

// The profile comes before the app (the app's access restriction needs its Front Door ID), the route
// after it (the origin is the app's host name).
module frontDoor 'modules/front-door.bicep' = if (edgeEnabled) {
  name: 'front-door'
  scope: rg
  params: {
    profileName: names.frontDoor
    endpointName: names.frontDoorEndpoint
    wafPolicyName: names.wafPolicy
    ruleSetName: names.frontDoorRuleSet
    tags: tags
    intakeRequestsPer5Minutes: edgeIntakeRequestsPer5Minutes
    requestsPerMinute: edgeRequestsPerMinute
    telegramSourceRanges: telegramSourceRanges
  }
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  params: {
    name: names.functionApp
    location: location
    tags: tags
    serviceName: 'api'
    planId: plan.outputs.id
    identityName: names.identity
    storageAccountName: names.storage
    applicationInsightsName: names.applicationInsights
    keyVaultName: names.keyVault
    runtimeName: 'dotnet-isolated'
    runtimeVersion: '10.0'
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    telegramApiBaseUrl: telegramApiBaseUrl
    adminAllowedIpRanges: adminAllowedIpRanges
    additionalAllowedIpRanges: additionalAllowedIpRanges
    frontDoorId: edgeEnabled ? frontDoor!.outputs.frontDoorId : ''
    publicBaseUrl: edgeEnabled ? 'https://${frontDoor!.outputs.endpointHostName}' : ''
    // The network module's output: the app is created after the private endpoints and their DNS
    // records exist, so its first start already reaches storage and Key Vault privately.
    virtualNetworkSubnetId: privateNetworking ? network!.outputs.appSubnetId : ''
  }
  // The app starts with identity-based storage and Key Vault references, so its roles must
  // exist before it is created.
  dependsOn: [
    rbac
  ]
}

module frontDoorRoute 'modules/front-door-route.bicep' = if (edgeEnabled) {
  name: 'front-door-route'
  scope: rg
  params: {
    profileName: names.frontDoor
    endpointName: names.frontDoorEndpoint
    ruleSetName: names.frontDoorRuleSet
    originHostName: functionApp.outputs.hostName
  }
  // Names are passed rather than outputs (exact What-If predictions); the profile, endpoint and rule
  // set exist first all the same, since the app's host name comes after the app, and the app waits
  // for the profile's Front Door ID.
}

// The address citizens, NGOs, the ministry and the Telegram webhook use.
var publicUri = edgeEnabled ? 'https://${frontDoor!.outputs.endpointHostName}' : functionApp.outputs.uri

@description('Region of the deployment (azd).')
output AZURE_LOCATION string = location

@description('Microsoft Entra tenant of the subscription (azd).')
output AZURE_TENANT_ID string = tenant().tenantId

@description('Resource group holding all resources.')
output AZURE_RESOURCE_GROUP string = rg.name

@description('Name of the function app.')
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name

@description('Name of the resource azd deploys the api service to.')
output SERVICE_API_NAME string = functionApp.outputs.name

@description('Public HTTPS base URL of the api service: the Front Door endpoint when edgeEnabled, else the function app. Users and the Telegram webhook use this one.')
output SERVICE_API_URI string = publicUri

@description('HTTPS base URL of the function app itself; behind the edge only Front Door and the allowed IP ranges reach it.')
output AZURE_FUNCTION_APP_URI string = functionApp.outputs.uri

@description('Host name of the Front Door endpoint; empty when edgeEnabled is false.')
output AZURE_FRONT_DOOR_ENDPOINT_HOST_NAME string = edgeEnabled ? frontDoor!.outputs.endpointHostName : ''

@description('Name of the storage account.')
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name

@description('Name of the Key Vault.')
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name

@description('Data-plane URI of the Key Vault.')
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri

@description('Client ID of the user-assigned identity of the app.')
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.outputs.clientId

@description('Name of the virtual network; empty when privateNetworking is false.')
output AZURE_VNET_NAME string = privateNetworking ? network!.outputs.name : ''

@description('Name of the Application Insights component.')
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
