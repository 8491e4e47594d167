// Role assignments for the function app's user-assigned identity (and, optionally, for the
// person or pipeline running the deployment). Every assignment is scoped to a single resource,
// never to the resource group or subscription.
//
// Role definition IDs are the built-in role GUIDs published in the Azure built-in roles reference.

@description('Name of the user-assigned identity that receives the roles.')
param identityName string

@description('Name of the storage account.')
param storageAccountName string

@description('Name of the Key Vault.')
param keyVaultName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Object ID of the deploying user or service principal. Empty: no role for the deployer.')
param deployerPrincipalId string

var roleIds = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource storage 'Microsoft.Storage/storageAccounts@2026-06-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2026-05-15' existing = {
  name: keyVaultName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// Storage Blob Data Owner on the storage account.
// Why: the Functions host (AzureWebJobsStorage) keeps its locks, timer schedules and keys in blob
// containers it creates itself (azure-webjobs-hosts, azure-webjobs-secrets), which needs
// container create/manage rights. The Flex Consumption platform also uses this identity to
// write the package uploaded by `azd deploy` into the deploymentpackage container and to read
// it back when instances start. The Functions identity-based connection guidance names this
// role for AzureWebJobsStorage.
resource storageBlobDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roleIds.storageBlobDataOwner)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageBlobDataOwner)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    description: 'Functions host storage and Flex Consumption deployment package container.'
  }
}

// Storage Queue Data Contributor on the storage account.
// Why: the queue triggers on requests-submitted and notifications peek, dequeue and delete
// messages; the app adds messages (output bindings / QueueClient); the host moves failed
// messages to the -poison queues and may create a missing queue (queues/write).
// Storage Queue Data Message Processor (read + process) and Storage Queue Data Message Sender
// (add) are strict subsets of this role, so they are NOT assigned separately: assigning them
// would grant nothing more. Split this role into those two only if queue creation and queue
// metadata changes must be denied to the app.
resource storageQueueDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roleIds.storageQueueDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roleIds.storageQueueDataContributor
    )
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    description: 'Queue triggers, queue output and poison-queue handling.'
  }
}

// Storage Table Data Contributor on the storage account.
// Why: the app reads and writes entities in ServiceRequests, Ngos, NgoCases, PoisonMessages,
// TelegramUpdates and Conversations (and may create a table if it is missing).
resource storageTableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roleIds.storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roleIds.storageTableDataContributor
    )
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    description: 'Application tables.'
  }
}

// Key Vault Secrets User on the vault.
// Why: App Service resolves the @Microsoft.KeyVault(SecretUri=...) app settings with this
// identity (keyVaultReferenceIdentity); it needs to read secret values and nothing else.
resource keyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, roleIds.keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    description: 'Resolve Key Vault references in app settings.'
  }
}

// Monitoring Metrics Publisher on the Application Insights component.
// Why: with APPLICATIONINSIGHTS_AUTHENTICATION_STRING the host sends telemetry with a Microsoft
// Entra token of this identity; ingestion accepts it only if the identity holds this role
// (it is required once local authentication is disabled).
resource monitoringMetricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, identity.id, roleIds.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roleIds.monitoringMetricsPublisher
    )
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    description: 'Microsoft Entra authenticated telemetry ingestion.'
  }
}

// Key Vault Secrets Officer on the vault for the deployer (optional).
// Why: with the RBAC permission model nobody, not even the subscription owner, can write secrets
// without a data-plane role; this lets the person running azd set secrets after deployment
// with `az keyvault secret set`. Skipped when deployerPrincipalId is empty.
resource deployerKeyVaultSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(vault.id, deployerPrincipalId, roleIds.keyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.keyVaultSecretsOfficer)
    principalId: deployerPrincipalId
    description: 'Deployer manages the application secrets.'
  }
}
