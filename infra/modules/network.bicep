// Private networking (only with privateNetworking, the default): the virtual network the function app
// joins for its outbound traffic, and private endpoints that give the storage account (blob, queue,
// table) and the Key Vault addresses inside it, with the private DNS zones that make the usual host
// names (<account>.blob.<storage suffix>, <vault>.vault.<suffix>) resolve to those addresses from the
// virtual network. storage.bicep and keyvault.bicep then refuse public traffic.
//
// Inbound traffic to the app is untouched: Front Door reaches it over its public endpoint, which the
// app's access restriction already limits to our Front Door profile (function-app.bicep).
//
// Host names come from environment().suffixes, so nothing here names one cloud's domains.

import { tagsType } from '../shared/constants.bicep'

@description('Name of the virtual network.')
param name string

@description('Azure region (the same as the function app and the storage account).')
param location string

@description('Tags applied to every resource.')
param tags tagsType

@description('Address space of the virtual network; the app subnet is its first /24, the private endpoint subnet its second.')
param addressPrefix string

@description('Name of the storage account that gets blob, queue and table private endpoints.')
param storageAccountName string

@description('Name of the Key Vault that gets a private endpoint.')
param keyVaultName string

resource storage 'Microsoft.Storage/storageAccounts@2026-06-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2026-05-15' existing = {
  name: keyVaultName
}

var appSubnetName = 'app'
var privateEndpointSubnetName = 'private-endpoints'

resource vnet 'Microsoft.Network/virtualNetworks@2026-03-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    // Both subnets are declared here, not as child resources, so that a redeployment does not try to
    // remove a subnet that is in use.
    subnets: [
      {
        // Flex Consumption virtual network integration: a subnet delegated to Microsoft.App/environments,
        // used by this app only. A /24 leaves room for the instances of maximumInstanceCount.
        name: appSubnetName
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 0)
          delegations: [
            {
              name: 'flex-consumption'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
      {
        name: privateEndpointSubnetName
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 1)
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
    ]
  }
}

resource appSubnet 'Microsoft.Network/virtualNetworks/subnets@2026-03-01' existing = {
  parent: vnet
  name: appSubnetName
}

resource privateEndpointSubnet 'Microsoft.Network/virtualNetworks/subnets@2026-03-01' existing = {
  parent: vnet
  name: privateEndpointSubnetName
}

// One private endpoint per storage service and one for the vault. zone: the Private Link DNS zone of
// that service (privatelink.<service>.<storage suffix>; the vault's is privatelink.vaultcore.<suffix>,
// which environment() gives as keyvaultDns with "vault" in place of "vaultcore").
var targets = [
  {
    groupId: 'blob'
    zone: 'privatelink.blob.${environment().suffixes.storage}'
  }
  {
    groupId: 'queue'
    zone: 'privatelink.queue.${environment().suffixes.storage}'
  }
  {
    groupId: 'table'
    zone: 'privatelink.table.${environment().suffixes.storage}'
  }
  {
    groupId: 'vault'
    zone: 'privatelink${replace(environment().suffixes.keyvaultDns, '.vault.', '.vaultcore.')}'
  }
]

resource zones 'Microsoft.Network/privateDnsZones@2024-06-01' = [
  for target in targets: {
    name: target.zone
    location: 'global'
    tags: tags
  }
]

// The zones answer only inside this virtual network: everywhere else the same names still resolve to
// the public addresses, which refuse the connection.
resource zoneLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [
  for (target, i) in targets: {
    parent: zones[i]
    name: name
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: vnet.id
      }
    }
  }
]

resource endpoints 'Microsoft.Network/privateEndpoints@2026-03-01' = [
  for target in targets: {
    name: 'pe-${name}-${target.groupId}'
    location: location
    tags: tags
    properties: {
      subnet: {
        id: privateEndpointSubnet.id
      }
      privateLinkServiceConnections: [
        {
          name: target.groupId
          properties: {
            privateLinkServiceId: target.groupId == 'vault' ? vault.id : storage.id
            groupIds: [
              target.groupId
            ]
          }
        }
      ]
    }
  }
]

// The zone group writes (and on deletion removes) the endpoint's A record in its zone.
resource endpointDns 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2026-03-01' = [
  for (target, i) in targets: {
    parent: endpoints[i]
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [
        {
          name: target.groupId
          properties: {
            privateDnsZoneId: zones[i].id
          }
        }
      ]
    }
  }
]

@description('Resource ID of the subnet the function app joins (delegated to Microsoft.App/environments).')
output appSubnetId string = appSubnet.id

@description('Name of the virtual network.')
output name string = vnet.name

@description('Private DNS zones linked to the virtual network.')
output privateDnsZoneNames string[] = [for (target, i) in targets: zones[i].name]
