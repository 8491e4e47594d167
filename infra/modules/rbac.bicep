// Role assignments for the function app's user-assigned identity (and, optionally, for the
// person or pipeline running the deployment). Every assignment is scoped to the narrowest resource
// that uses it (a blob container, the storage account, the vault, the Application Insights
// component), never to the resource group or subscription. The app holds no Owner or Contributor
// role: only data-plane roles, so it can read and write data but not change or delete a resource.
// scripts/validate-infra.sh checks these scopes in the compiled template.
//
// Role definition IDs are the built-in role GUIDs published in the Azure built-in roles reference.

import { deploymentContainerName, hostContainerNames } from '../shared/constants.bicep'

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
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
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

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2026-06-01' existing = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-06-01' existing = {
  parent: blobService
  name: deploymentContainerName
}

resource hostContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-06-01' existing = [
  for container in items(hostContainerNames): {
    parent: blobService
    name: container.value
  }
]

// Storage Blob Data Owner on the deploymentpackage container only.
// Why: the Flex Consumption platform writes the package uploaded by `azd deploy` into this container
// and reads it back when instances start, authenticating as this identity
// (functionAppConfig.deployment.storage.authentication). The Flex Consumption deployment guidance names
// this role for the deployment container. No other container, and no table or queue, is reachable
// through it.
resource deploymentContainerBlobDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(deploymentContainer.id, identity.id, roleIds.storageBlobDataOwner)
  scope: deploymentContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageBlobDataOwner)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    description: 'Flex Consumption deployment package container.'
  }
}

// Storage Blob Data Contributor on each of the Functions host's own containers (azure-webjobs-hosts,
// azure-webjobs-secrets), not on the account.
// Why: the host (AzureWebJobsStorage) takes its host ID lease and the timer triggers' singleton
// locks, keeps timer schedule status in azure-webjobs-hosts and host keys in azure-webjobs-secrets.
// It reads, writes, leases and deletes blobs there; Contributor does that (Owner would add only
// POSIX ACL and ownership changes, which a flat-namespace account does not have). storage.bicep
// creates both containers, so the host's create-if-missing finds them. The app's own data lives in
// tables and queues, never in blobs.
resource hostContainerBlobDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (container, i) in items(hostContainerNames): {
    name: guid(hostContainers[i].id, identity.id, roleIds.storageBlobDataContributor)
    scope: hostContainers[i]
    properties: {
      roleDefinitionId: subscriptionResourceId(
        'Microsoft.Authorization/roleDefinitions',
        roleIds.storageBlobDataContributor
      )
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
      description: 'Functions host state: leases, timer schedules, host keys.'
    }
  }
]

// Storage Queue Data Contributor on the storage account: the app uses all six queues (three and
// their -poison twins), so one account-scoped assignment grants what six queue-scoped ones would, and
// it still covers a -poison queue the host re-creates after someone deleted it.
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
// Why: the app reads and writes entities in all ten tables of constants.bicep (ServiceRequests, Ngos,
// NgoCases, PoisonMessages, ...) and may create a table if it is missing; one assignment per table
// would be ten assignments for the same effect.
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
