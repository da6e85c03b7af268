// The Azure Bot resource: registers the bot with the Bot Framework, bound to the user-assigned identity
// (app type UserAssignedMSI, so there is no app password), with the Microsoft Teams channel on.
@description('Prefix of every resource name.')
param namePrefix string

@description('The name people see for the bot.')
param displayName string

@description('https://<web app>/api/messages')
param messagingEndpoint string

@description('Client id of the user-assigned identity: the bot\'s app id.')
param identityClientId string

@description('Resource id of that identity.')
param identityId string

@description('F0 (free: 10,000 premium-channel messages a month; Teams is a standard channel, so free) or S1.')
@allowed([
  'F0'
  'S1'
])
param skuName string = 'F0'

@description('Tags put on every resource.')
param tags object = {}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${namePrefix}-bot'
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: skuName
  }
  properties: {
    displayName: displayName
    endpoint: messagingEndpoint
    msaAppId: identityClientId
    msaAppType: 'UserAssignedMSI'
    msaAppMSIResourceId: identityId
    msaAppTenantId: tenant().tenantId
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}
