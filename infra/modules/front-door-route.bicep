// The path from the Front Door endpoint to the function app: one origin group with the app as its
// only origin, and one route for every path. Separate from front-door.bicep because it needs the
// app's host name, and the app needs the profile's ID first (see that module).

@description('Name of the Front Door profile (front-door.bicep).')
param profileName string

@description('Name of the endpoint (front-door.bicep).')
param endpointName string

@description('Name of the rule set that sets the client address header (front-door.bicep).')
param ruleSetName string

@description('Default host name of the function app.')
param originHostName string

resource profile 'Microsoft.Cdn/profiles@2026-07-01' existing = {
  name: profileName
}

resource endpoint 'Microsoft.Cdn/profiles/afdEndpoints@2026-07-01' existing = {
  parent: profile
  name: endpointName
}

resource ruleSet 'Microsoft.Cdn/profiles/ruleSets@2026-07-01' existing = {
  parent: profile
  name: ruleSetName
}

resource originGroup 'Microsoft.Cdn/profiles/originGroups@2026-07-01' = {
  parent: profile
  name: 'function-app'
  properties: {
    loadBalancingSettings: {
      sampleSize: 4
      successfulSamplesRequired: 3
      additionalLatencyInMilliseconds: 50
    }
    // No health probes: with a single origin there is nothing to fail over to, and every probe from
    // every Front Door edge would be a billed function execution that also keeps instances awake.
    sessionAffinityState: 'Disabled'
  }
}

resource origin 'Microsoft.Cdn/profiles/originGroups/origins@2026-07-01' = {
  parent: originGroup
  name: 'function-app'
  properties: {
    hostName: originHostName
    // App Service picks the site by host name, so the origin's own name is sent, not the endpoint's.
    originHostHeader: originHostName
    httpPort: 80
    httpsPort: 443
    priority: 1
    weight: 1000
    enabledState: 'Enabled'
    enforceCertificateNameCheck: true
  }
}

resource route 'Microsoft.Cdn/profiles/afdEndpoints/routes@2026-07-01' = {
  parent: endpoint
  name: 'all-paths'
  properties: {
    originGroup: {
      id: originGroup.id
    }
    ruleSets: [
      {
        id: ruleSet.id
      }
    ]
    supportedProtocols: [
      'Http'
      'Https'
    ]
    patternsToMatch: [
      '/*'
    ]
    // Plain HTTP is redirected at the edge; Front Door talks to the app over HTTPS only.
    httpsRedirect: 'Enabled'
    forwardingProtocol: 'HttpsOnly'
    linkToDefaultDomain: 'Enabled'
    enabledState: 'Enabled'
    // No cacheConfiguration: nothing is cached, every answer of the API is per request.
  }
  // A route to an origin group without origins fails to deploy.
  dependsOn: [
    origin
  ]
}
