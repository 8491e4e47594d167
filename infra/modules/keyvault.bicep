// Key Vault (Azure RBAC permission model) holding the application's secrets.
//
// A secret is written only when its parameter is non-empty. A first deployment therefore works
// without any secret values, and a later deployment with an empty value does NOT overwrite a
// secret that was set out of band (for example with `az keyvault secret set`).

import { tagsType, secretNames } from '../shared/constants.bicep'

@description('Key Vault name (3-24 letters, digits and hyphens, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags applied to the vault.')
param tags tagsType

@description('Days a deleted vault or secret can be recovered before it is purged.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('True: only the private endpoint (network.bicep) reaches the vault; public network access is disabled. False: reachable from the internet, still only with Microsoft Entra ID and a data-plane role (a cheap test deployment).')
param privateNetworking bool

@secure()
@description('Telegram bot token. Empty: the secret is not written by this deployment.')
param telegramBotToken string

@secure()
@description('Secret expected in the X-Telegram-Bot-Api-Secret-Token header of webhook calls. Empty: not written.')
param telegramWebhookSecret string

@secure()
@description('Key from which each NGO webhook\'s signing secret is derived (at least 32 characters). Empty: not written.')
param webhookSigningKey string

@secure()
@description('Key from which the request_ref of the ministry\'s requests.csv export is derived (at least 32 characters). Empty: not written.')
param exportPseudonymKey string

@secure()
@description('Hex SHA-256 of the admin API key. Empty: not written.')
param adminApiKeySha256 string

@secure()
@description('Hex SHA-256 of the ministry API key. Empty: not written.')
param ministryApiKeySha256 string

resource vault 'Microsoft.KeyVault/vaults@2026-05-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    // Data-plane access is granted with Azure role assignments (see rbac.bicep), not access policies.
    enableRbacAuthorization: true
    enableSoftDelete: true
    // Deleted secrets and the deleted vault stay recoverable for softDeleteRetentionInDays (90 by
    // default); purge protection means nobody, not even an Owner, can purge them earlier. It cannot be
    // turned off again, and the vault's name stays taken until the retention ends (see docs/infra.md:
    // a re-created environment recovers the vault or uses a new environment name).
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    // Private networking: the data plane (reading and writing secret values) only through the private
    // endpoint in the app's virtual network. Secrets this template writes go through Resource Manager,
    // not the data plane. Without it (a test deployment) the vault is public and protected by
    // Microsoft Entra authorization only.
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
    networkAcls: {
      defaultAction: privateNetworking ? 'Deny' : 'Allow'
      bypass: privateNetworking ? 'None' : 'AzureServices'
    }
  }
}

resource telegramBotTokenSecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = if (!empty(telegramBotToken)) {
  parent: vault
  name: secretNames.telegramBotToken
  properties: {
    value: telegramBotToken
    contentType: 'text/plain'
  }
}

resource telegramWebhookSecretSecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = if (!empty(telegramWebhookSecret)) {
  parent: vault
  name: secretNames.telegramWebhookSecret
  properties: {
    value: telegramWebhookSecret
    contentType: 'text/plain'
  }
}

resource webhookSigningKeySecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = if (!empty(webhookSigningKey)) {
  parent: vault
  name: secretNames.webhookSigningKey
  properties: {
    value: webhookSigningKey
    contentType: 'text/plain'
  }
}

resource exportPseudonymKeySecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = if (!empty(exportPseudonymKey)) {
  parent: vault
  name: secretNames.exportPseudonymKey
  properties: {
    value: exportPseudonymKey
    contentType: 'text/plain'
  }
}

resource adminApiKeySha256Secret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = if (!empty(adminApiKeySha256)) {
  parent: vault
  name: secretNames.adminApiKeySha256
  properties: {
    value: adminApiKeySha256
    contentType: 'text/plain'
  }
}

resource ministryApiKeySha256Secret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = if (!empty(ministryApiKeySha256)) {
  parent: vault
  name: secretNames.ministryApiKeySha256
  properties: {
    value: ministryApiKeySha256
    contentType: 'text/plain'
  }
}

@description('Name of the vault.')
output name string = vault.name

@description('Data-plane URI of the vault, ending with a slash.')
output uri string = vault.properties.vaultUri
