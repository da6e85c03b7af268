// Social Media Desk in one resource group: monitoring, Table Storage, the identity it runs as, the web app and the
// Azure Bot with its Teams channel. No secret is created or stored: everything authenticates as the identity.
//   az deployment group create -g <group> -f infra/main.bicep -p infra/main.bicepparam
targetScope = 'resourceGroup'

@description('Azure region of the resources (the Azure Bot itself is global).')
param location string = resourceGroup().location

@description('Prefix of every resource name, e.g. smdesk-prod.')
@minLength(3)
@maxLength(20)
param namePrefix string

@description('Storage account name: 3-24 lower-case letters and digits, unique in Azure.')
@minLength(3)
@maxLength(24)
param storageAccountName string = 'st${uniqueString(resourceGroup().id, namePrefix)}'

@description('App Service plan size.')
param appServiceSku string = 'B1'

@description('How many instances of the web app run the bot.')
@minValue(1)
@maxValue(30)
param instanceCount int = 1

@description('The name people see for the bot in Teams.')
param botDisplayName string = 'Social Media Desk'

@description('Azure Bot pricing tier.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('The Comms team\'s Teams id (19:...@thread.tacv2).')
param commsTeamId string

@description('The channel where approval and triage cards are posted (19:...@thread.tacv2).')
param commsChannelId string

@description('A channel of the Comms team of its own for account requests and official accounts (19:...@thread.tacv2). Empty: commsChannelId.')
param commsAccountRequestsChannelId string = ''

@description('A channel of the Comms team of its own for incidents\' triage cards and reminders. Empty: commsChannelId.')
param commsIncidentsChannelId string = ''

@description('A channel of the Comms team of its own for support referrals\' channel cards and reminders. Empty: commsChannelId.')
param commsSupportChannelId string = ''

@description('Where staff write to Comms.')
param commsContactEmail string = 'comms@lshtm.ac.uk'

@description('Entra object ids of the people who may approve and triage.')
@minLength(1)
param approverIds array

@description('Entra object ids of the senior managers told about escalations.')
@minLength(1)
param escalationContactIds array

@description('Entra object ids of the people who take harassment support cases.')
@minLength(1)
param caseHandlerIds array

@description('Read line managers from Microsoft Graph as the identity (grant it User.Read.All first; see the README).')
param graphEnabled bool = false

@description('Where the published social media policy is (absolute https). Empty: cards link clauses to the bot\'s own /policy page.')
param policyUrl string = ''

@description('The emergency number staff are told to call (support cards). 999 in the UK.')
param emergencyNumber string = '999'

@description('The institution\'s dignity-at-work policy (absolute https), linked from the line manager\'s notice. Empty: no link.')
param dignityPolicyUrl string = ''

@description('The privacy notice (absolute https), linked from "my data" and the forms. Empty: the two sentences only.')
param privacyNoticeUrl string = ''

@description('Tags put on every resource.')
param tags object = {}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    namePrefix: namePrefix
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    accountName: storageAccountName
    tags: tags
  }
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    location: location
    namePrefix: namePrefix
    storageAccountName: storage.outputs.accountName
    tags: tags
  }
}

// Settings use the bot's own names (README, Configuration); "__" stands for ":" in App Service.
var peopleSettings = concat(
  map(range(0, length(approverIds)), i => { name: 'Comms__ApproverIds__${i}', value: approverIds[i] }),
  map(range(0, length(escalationContactIds)), i => { name: 'Escalation__ContactIds__${i}', value: escalationContactIds[i] }),
  map(range(0, length(caseHandlerIds)), i => { name: 'Support__CaseHandlerIds__${i}', value: caseHandlerIds[i] }))

var botSettings = [
  { name: 'ASPNETCORE_ENVIRONMENT', value: 'Production' }
  { name: 'MicrosoftAppType', value: 'UserAssignedMSI' }
  { name: 'MicrosoftAppId', value: identity.outputs.clientId }
  { name: 'MicrosoftAppTenantId', value: tenant().tenantId }
  { name: 'TableStorage__Endpoint', value: storage.outputs.tableEndpoint }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: monitoring.outputs.connectionString }
  { name: 'Comms__TeamId', value: commsTeamId }
  { name: 'Comms__ChannelId', value: commsChannelId }
  { name: 'Comms__ContactEmail', value: commsContactEmail }
  { name: 'Graph__Enabled', value: string(graphEnabled) }
  // The web app's default host name (its name is fixed below): where clause links point without a policyUrl.
  { name: 'Bot__PublicBaseUrl', value: 'https://${namePrefix}-bot.azurewebsites.net' }
  { name: 'Support__EmergencyNumber', value: emergencyNumber }
]

// Optional links and workflow channels are set only when given: an empty value would not be a URL, and a workflow's
// channel left out is the one the bot falls back from (Comms:ChannelId).
var optionalSettings = concat(
  empty(commsAccountRequestsChannelId) ? [] : [{ name: 'Comms__Channels__AccountRequests', value: commsAccountRequestsChannelId }],
  empty(commsIncidentsChannelId) ? [] : [{ name: 'Comms__Channels__Incidents', value: commsIncidentsChannelId }],
  empty(commsSupportChannelId) ? [] : [{ name: 'Comms__Channels__Support', value: commsSupportChannelId }],
  empty(policyUrl) ? [] : [{ name: 'Policy__Url', value: policyUrl }],
  empty(dignityPolicyUrl) ? [] : [{ name: 'Support__DignityPolicyUrl', value: dignityPolicyUrl }],
  empty(privacyNoticeUrl) ? [] : [{ name: 'DataProtection__PrivacyNoticeUrl', value: privacyNoticeUrl }])

module web 'modules/web.bicep' = {
  name: 'web'
  params: {
    location: location
    namePrefix: namePrefix
    skuName: appServiceSku
    instanceCount: instanceCount
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    appSettings: concat(botSettings, optionalSettings, peopleSettings)
    tags: tags
  }
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    namePrefix: namePrefix
    displayName: botDisplayName
    messagingEndpoint: 'https://${web.outputs.hostName}/api/messages'
    identityClientId: identity.outputs.clientId
    identityId: identity.outputs.id
    skuName: botSku
    tags: tags
  }
}

@description('The bot\'s messaging endpoint (set on the Azure Bot already).')
output messagingEndpoint string = 'https://${web.outputs.hostName}/api/messages'

@description('The app id the Teams manifest needs (BOT_ID for tools/manifest/package.cjs).')
output botAppId string = identity.outputs.clientId

@description('The web app\'s host name (BOT_DOMAIN for tools/manifest/package.cjs).')
output botDomain string = web.outputs.hostName

@description('The web app to deploy the zip to.')
output webAppName string = web.outputs.name
