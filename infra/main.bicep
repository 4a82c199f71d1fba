// Monitor on Azure's free tier: one Flex Consumption (FC1) function app, one storage account for the host, the
// deployment package and Monitor's tables, Application Insights on a capped Log Analytics workspace, a Key Vault
// for the SMTP password, and one user-assigned managed identity that holds only the roles it needs. No keys.
// `azd up` provisions this template (infra/main.parameters.json maps azd environment values to the parameters)
// and deploys src/Monitor.Functions (azure.yaml). docs/cost.md shows what it costs; README.md "Deploy" how to use it.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment: it names the resource group and tags every resource.')
param environmentName string

@minLength(1)
@description('Azure region for all resources: one that offers Flex Consumption, as in the official azd templates (az functionapp list-flexconsumption-locations).')
@allowed([
  'australiaeast'
  'australiasoutheast'
  'brazilsouth'
  'canadacentral'
  'centralindia'
  'centralus'
  'eastasia'
  'eastus'
  'eastus2'
  'francecentral'
  'germanywestcentral'
  'italynorth'
  'japaneast'
  'koreacentral'
  'northcentralus'
  'northeurope'
  'norwayeast'
  'southafricanorth'
  'southcentralus'
  'southeastasia'
  'southindia'
  'spaincentral'
  'swedencentral'
  'uaenorth'
  'uksouth'
  'ukwest'
  'westcentralus'
  'westeurope'
  'westus'
  'westus2'
  'westus3'
])
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@minLength(3)
@description('E-mail address that gets the alerts (failing timers, no successful pass, telemetry cap reached) and the budget notifications.')
param alertEmail string

@description('Monthly budget of the resource group, in the billing currency: an e-mail when the month\'s actual or forecast cost reaches it. A string: Bicep has no decimals.')
param monthlyBudget string = '1'

@description('Any other settings, as NAME=value pairs separated by ";" (e.g. "Fetch__MaxConcurrentFeeds=8;Digest__SkipEmpty=true"). The app reads them beneath its own settings; a setting that has a value of its own here is refused.')
param monitorSettings string = ''

@description('NCRONTAB schedule (UTC) of the PollFeeds timer. Every 15 minutes by default.')
param pollSchedule string = '0 */15 * * * *'

@description('NCRONTAB schedule (UTC) of the SendDigest timer. It only checks whether the day\'s digest is due at Digest__LocalTime in Digest__TimeZone, so it runs every 15 minutes (every time zone offset is a multiple of 15 minutes).')
param digestSchedule string = '0 */15 * * * *'

@description('Local time (HH:mm) at which the daily digest is sent.')
param digestLocalTime string = '07:00'

@description('IANA time zone of digestLocalTime, e.g. Europe/Berlin or Asia/Yerevan.')
param digestTimeZone string = 'Etc/UTC'

@description('Digest recipients, comma-separated; each may be followed by :topic+topic to follow only those topics. Empty: no digest is sent.')
param digestRecipients string = ''

@description('Sender address of the digest, e.g. "Monitor <monitor@example.org>".')
param digestFrom string = ''

@description('SMTP server that sends the digest, e.g. smtp.office365.com or smtp.sendgrid.net.')
param smtpHost string = ''

@description('SMTP port: 587 with StartTls, 465 with SslOnConnect.')
param smtpPort string = '587'

@allowed([
  'None'
  'StartTls'
  'SslOnConnect'
])
@description('How the SMTP connection is secured.')
param smtpSecurity string = 'StartTls'

@description('SMTP user name; empty for a server that needs no authentication.')
param smtpUsername string = ''

@secure()
@description('SMTP password. Stored only as a Key Vault secret (smtp-password) that an app setting references; empty leaves the secret as it is.')
param smtpPassword string = ''

@minValue(40)
@maxValue(1000)
@description('Most instances the app may scale out to: 40 is the lowest the plan allows, and a cap on what a flood of HTTP requests can cost.')
param maximumInstanceCount int = 40

@description('Daily ingestion cap of the Log Analytics workspace, in GB (a string: Bicep has no decimals). 0.15 GB x 31 days stays inside the free 5 GB a month.')
param logDailyCapGb string = '0.15'

@description('Optional: the object id of a person (or group) who may use the `monitor` CLI against the Azure tables and set the SMTP secret. Empty grants nobody.')
param operatorPrincipalId string = ''

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName, app: 'monitor' }
var functionAppName = 'func-monitor-${resourceToken}'
var smtpSecretName = 'smtp-password'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-monitor-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'stmonitor${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: 'app-package-monitor-${resourceToken}'
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    workspaceName: 'log-monitor-${resourceToken}'
    appInsightsName: 'appi-monitor-${resourceToken}'
    location: location
    tags: tags
    dailyCapGb: logDailyCapGb
  }
}

module vault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: 'kv-mon-${take(resourceToken, 13)}'
    location: location
    tags: tags
    smtpPassword: smtpPassword
    smtpSecretName: smtpSecretName
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  scope: rg
  params: {
    principalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    keyVaultName: vault.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
    operatorPrincipalId: operatorPrincipalId
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    location: location
    tags: tags
    actionGroupName: 'ag-monitor-${resourceToken}'
    alertRuleName: 'alert-monitor-health-${resourceToken}'
    budgetName: 'budget-monitor-${resourceToken}'
    alertEmail: alertEmail
    monthlyBudget: monthlyBudget
    workspaceId: monitoring.outputs.workspaceId
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: rg
  dependsOn: [
    roles // the host reaches its storage with the identity from its first start
  ]
  params: {
    name: functionAppName
    planName: 'plan-monitor-${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    appInsightsConnectionString: monitoring.outputs.connectionString
    // Without a version the reference follows the latest one: `az keyvault secret set` rotates the password.
    smtpVaultReference: '@Microsoft.KeyVault(SecretUri=${vault.outputs.uri}secrets/${smtpSecretName}/)'
    maximumInstanceCount: maximumInstanceCount
    pollSchedule: pollSchedule
    digestSchedule: digestSchedule
    digestLocalTime: digestLocalTime
    digestTimeZone: digestTimeZone
    digestRecipients: digestRecipients
    digestFrom: digestFrom
    smtpHost: smtpHost
    smtpPort: smtpPort
    smtpSecurity: smtpSecurity
    smtpUsername: smtpUsername
    monitorSettings: monitorSettings
  }
}

// Read by azd and the README's commands. Names and endpoints only: no key, connection string or secret.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_URL string = functionApp.outputs.url
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint
output AZURE_KEY_VAULT_NAME string = vault.outputs.name
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
