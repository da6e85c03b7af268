// The bot's web app: Linux App Service running the published zip as the user-assigned identity.
@description('Azure region of the resources.')
param location string

@description('Prefix of every resource name.')
param namePrefix string

@description('App Service plan size. B1 is enough for a pilot; P0v3 or larger for a whole university.')
param skuName string = 'B1'

@description('How many instances run the bot. They share only Table Storage, so any number behaves as one.')
@minValue(1)
@maxValue(30)
param instanceCount int = 1

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity (AZURE_CLIENT_ID, so DefaultAzureCredential picks it).')
param identityClientId string

@description('The bot\'s settings, as App Service app settings ({ name, value }).')
param appSettings array

@description('Tags put on every resource.')
param tags object = {}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${namePrefix}-plan'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: skuName
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: '${namePrefix}-bot'
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      healthCheckPath: '/healthz'
      appSettings: concat(appSettings, [
        {
          name: 'AZURE_CLIENT_ID'
          value: identityClientId
        }
        {
          // The zip deployed by `az webapp deploy` runs from the package, read-only.
          name: 'WEBSITE_RUN_FROM_PACKAGE'
          value: '1'
        }
      ])
    }
  }
}

// No publishing with a user name and password: deploy with Entra credentials (az webapp deploy).
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = site.name
output hostName string = site.properties.defaultHostName
