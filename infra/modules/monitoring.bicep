// Where the bot's logs, traces and metrics go: a Log Analytics workspace and a workspace-based Application Insights.
@description('Azure region of the resources.')
param location string

@description('Prefix of every resource name.')
param namePrefix string

@description('How long Log Analytics keeps data, in days.')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

@description('Tags put on every resource.')
param tags object = {}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-logs'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-insights'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    // The app sends telemetry with the connection string (Azure Monitor OpenTelemetry distro).
    IngestionMode: 'LogAnalytics'
  }
}

@description('What the web app sets as APPLICATIONINSIGHTS_CONNECTION_STRING.')
output connectionString string = appInsights.properties.ConnectionString
