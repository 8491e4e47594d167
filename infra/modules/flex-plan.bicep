// Flex Consumption hosting plan (Linux, serverless, per-function scaling).

import { tagsType } from '../shared/constants.bicep'

@description('Name of the hosting plan.')
param name string

@description('Azure region; must offer the Flex Consumption plan.')
param location string

@description('Tags applied to the plan.')
param tags tagsType

@description('Spread instances across availability zones (only in regions that support it for Flex Consumption).')
param zoneRedundant bool

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    // Flex Consumption runs on Linux only.
    reserved: true
    zoneRedundant: zoneRedundant
  }
}

@description('Resource ID of the plan.')
output id string = plan.id

@description('Name of the plan.')
output name string = plan.name
