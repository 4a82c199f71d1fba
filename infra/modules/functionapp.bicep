// The Flex Consumption (FC1) plan and the function app: Linux, .NET 10 isolated worker, 512 MB instances, run
// from the package in the deployment container, every storage access with the user-assigned identity.
param name string
param planName string
param location string
param tags object
param identityId string
param identityClientId string
param storageAccountName string
param blobEndpoint string
param tableEndpoint string
param deploymentContainerName string
param appInsightsConnectionString string
@description('A Key Vault reference (@Microsoft.KeyVault(SecretUri=...)), never the password itself.')
param smtpVaultReference string
param maximumInstanceCount int
param pollSchedule string
param digestSchedule string
param digestLocalTime string
param digestTimeZone string
param digestRecipients string
param digestFrom string
param smtpHost string
param smtpPort string
param smtpSecurity string
param smtpUsername string
@description('Extra settings, NAME=value pairs separated by ";", which the app reads beneath its own (MONITOR_SETTINGS).')
param monitorSettings string

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true // Linux
  }
}

resource site 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' }) // azure.yaml's service
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    keyVaultReferenceIdentity: identityId // Key Vault references resolve with the user-assigned identity
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      appSettings: [
        // The host's own storage, identity-based: no AzureWebJobsStorage connection string exists.
        { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
        // Monitor's tables, with the same identity (StorageOptions.TableServiceUri and ClientId).
        { name: 'Storage__TableServiceUri', value: tableEndpoint }
        { name: 'Storage__ClientId', value: identityClientId }
        // Telemetry, authenticated with the identity (the component refuses instrumentation-key-only ingestion).
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsightsConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
        // Polling: feeds on private or loopback addresses are refused in Azure.
        { name: 'PollSchedule', value: pollSchedule }
        { name: 'MONITOR_ALLOW_PRIVATE_NETWORKS', value: 'false' }
        // The daily digest.
        { name: 'DigestSchedule', value: digestSchedule }
        { name: 'Digest__LocalTime', value: digestLocalTime }
        { name: 'Digest__TimeZone', value: digestTimeZone }
        { name: 'Digest__Recipients', value: digestRecipients }
        { name: 'Digest__From', value: digestFrom }
        { name: 'Smtp__Host', value: smtpHost }
        { name: 'Smtp__Port', value: smtpPort }
        { name: 'Smtp__Security', value: smtpSecurity }
        { name: 'Smtp__Username', value: smtpUsername }
        // A Key Vault reference, never the password itself.
        { name: 'Smtp__Password', value: smtpVaultReference }
        // Every other setting a user tunes: this list replaces the app's settings at each deployment, so none is set in the portal.
        { name: 'MONITOR_SETTINGS', value: monitorSettings }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: 512 // a pass peaks at ~160 MiB (docs/cost.md); the smallest size is the cheapest per second
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// No FTP or basic-auth publishing: azd deploys with a Microsoft Entra token.
resource ftp 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scm 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = site.name
output url string = 'https://${site.properties.defaultHostName}'
