// The one identity the bot runs as: the web app uses it for Table Storage (and Microsoft Graph when enabled), and the
// Azure Bot resource is bound to it, so the Bot Connector's tokens come from it too. No secret exists anywhere.
@description('Azure region of the resources.')
param location string

@description('Prefix of every resource name.')
param namePrefix string

@description('The storage account the identity may read and write tables in.')
param storageAccountName string

@description('Tags put on every resource.')
param tags object = {}

// Built-in role "Storage Table Data Contributor".
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${namePrefix}-identity'
  location: location
  tags: tags
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource tableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageTableDataContributor)
  scope: storage
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
  }
}

output id string = identity.id
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
