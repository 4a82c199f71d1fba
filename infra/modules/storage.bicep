// One account for the Functions host (blobs: leases, timer status, keys), the deployment package (a blob
// container), Monitor's tables (created by the app) and the polling fan-out's queues. Entra ID only: shared keys, SAS and anonymous reads are off.
param name string
param location string
param tags object
param deploymentContainerName string

resource account 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS' // the cheapest redundancy; Monitor's data can be re-polled
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false // no account key or SAS works: identities only
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    publicNetworkAccess: 'Enabled' // Flex Consumption without a virtual network reaches storage over its public endpoint
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' = {
  parent: account
  name: 'default'
}

// Flex Consumption runs the app from the package azd uploads here (read with the identity).
resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobs
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices@2025-01-01' = {
  parent: account
  name: 'default'
}

// The polling fan-out: PollFeeds enqueues shards here and PollQueuedShard consumes them; the host moves a shard that
// keeps failing to the poison queue, which PoisonedShard consumes (names: PollingOptions.DefaultQueueName).
resource shardQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-01-01' = {
  parent: queues
  name: 'poll-shards'
}

resource poisonQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-01-01' = {
  parent: queues
  name: 'poll-shards-poison'
}

output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output tableEndpoint string = account.properties.primaryEndpoints.table
output queueEndpoint string = account.properties.primaryEndpoints.queue
output deploymentContainerName string = deploymentContainer.name
