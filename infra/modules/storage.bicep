// Storage account for the Functions runtime (AzureWebJobsStorage), the Flex Consumption
// deployment package, and the application's own queues and tables.
// Shared-key (account key / SAS) access is disabled: every client, including the Functions
// host, must use Microsoft Entra ID (the app's user-assigned identity).

import { tagsType, queueNames, tableNames, deploymentContainerName, hostContainerNames } from '../shared/constants.bicep'

@description('Storage account name (3-24 lowercase letters and digits, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags applied to the account.')
param tags tagsType

@description('Replication SKU of the account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_RAGRS'
  'Standard_GZRS'
  'Standard_RAGZRS'
])
param skuName string

@description('True: only the private endpoints (network.bicep) reach the account; public network access is disabled. False: reachable from the internet, still only with Microsoft Entra ID (a cheap test deployment).')
param privateNetworking bool

resource storage 'Microsoft.Storage/storageAccounts@2026-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    // Private networking: no public endpoint at all; the app reaches blob, queue and table through
    // private endpoints in its virtual network. Resource Manager operations (creating the queues,
    // tables and containers below) are not affected. Without it (privateNetworking = false, a test
    // deployment) the account is public and protected by Microsoft Entra authorization only.
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
    networkAcls: {
      defaultAction: privateNetworking ? 'Deny' : 'Allow'
      bypass: privateNetworking ? 'None' : 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2026-06-01' = {
  parent: storage
  name: 'default'
}

// The Flex Consumption platform reads the app's deployment package from this container,
// authenticating with the user-assigned identity.
resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-06-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

// The Functions host would create these itself on first start; creating them here lets rbac.bicep give
// the app its blob role on these containers only (see rbac.bicep).
resource hostContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-06-01' = [
  for container in items(hostContainerNames): {
    parent: blobService
    name: container.value
    properties: {
      publicAccess: 'None'
    }
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2026-06-01' = {
  parent: storage
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2026-06-01' = [
  for queueName in items(queueNames): {
    parent: queueService
    name: queueName.value
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2026-06-01' = {
  parent: storage
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2026-06-01' = [
  for tableName in items(tableNames): {
    parent: tableService
    name: tableName.value
  }
]

@description('Name of the storage account.')
output name string = storage.name

@description('Name of the blob container holding the deployment package.')
output deploymentContainerName string = deploymentContainer.name

@description('Names of the queues created.')
output queueNames string[] = [for (q, i) in items(queueNames): queues[i].name]

@description('Names of the tables created.')
output tableNames string[] = [for (t, i) in items(tableNames): tables[i].name]
