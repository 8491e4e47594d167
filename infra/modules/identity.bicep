// User-assigned managed identity used by the function app for everything it authenticates to:
// storage (runtime, triggers, deployment package), Key Vault references and Application Insights.
// It is created before the app so that its role assignments exist before the app first starts.

import { tagsType } from '../shared/constants.bicep'

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the identity.')
param tags tagsType

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

@description('Resource ID of the identity.')
output id string = identity.id

@description('Name of the identity.')
output name string = identity.name

@description('Client (application) ID of the identity; used in app settings that select this identity.')
output clientId string = identity.properties.clientId

@description('Object (principal) ID of the identity; used in role assignments.')
output principalId string = identity.properties.principalId
