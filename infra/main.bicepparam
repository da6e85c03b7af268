// Fill in the Comms team's ids and the people before deploying (README, "Deploy to Azure").
using 'main.bicep'

param namePrefix = 'smdesk-prod'
param appServiceSku = 'B1'
param instanceCount = 1
param commsTeamId = '19:replace-with-the-comms-team-id@thread.tacv2'
param commsChannelId = '19:replace-with-the-approvals-channel-id@thread.tacv2'
param approverIds = [
  '00000000-0000-0000-0000-000000000001'
]
param escalationContactIds = [
  '00000000-0000-0000-0000-000000000002'
]
param caseHandlerIds = [
  '00000000-0000-0000-0000-000000000003'
]
param tags = {
  service: 'social-media-desk'
}
