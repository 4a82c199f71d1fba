// Application Insights on a Log Analytics workspace whose daily cap keeps ingestion inside the free 5 GB a month.
// Local (instrumentation key) authentication is off: the app sends telemetry with its managed identity.
param workspaceName string
param appInsightsName string
param location string
param tags object
@description('Daily ingestion cap in GB, as a string (Bicep has no decimal literals).')
param dailyCapGb string

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30 // retention up to 31 days is included in the ingestion price
    workspaceCapping: {
      dailyQuotaGb: json(dailyCapGb)
    }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    DisableLocalAuth: true
  }
}

output appInsightsName string = appInsights.name
output workspaceId string = workspace.id
// An endpoint and an id, not a credential: with DisableLocalAuth only Entra-authenticated telemetry is accepted.
output connectionString string = appInsights.properties.ConnectionString
