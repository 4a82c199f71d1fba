// The SMTP password lives here and nowhere else: a @secure() parameter becomes the secret, the app setting
// Smtp__Password is a Key Vault reference to it (latest version), resolved by the platform with the app's identity.
param name string
param location string
param tags object
@secure()
@description('The SMTP password; empty leaves the secret as it is (for a redeploy that does not know it).')
param smtpPassword string
@description('Name of the secret that holds the SMTP password.')
param smtpSecretName string

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true // Azure roles, no access policies
    enableSoftDelete: true
    softDeleteRetentionInDays: 7 // the shortest; `azd down --purge` purges it at once
    publicNetworkAccess: 'Enabled' // the platform resolves the reference over the public endpoint (no virtual network)
  }
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!empty(smtpPassword)) {
  parent: vault
  name: smtpSecretName
  properties: {
    value: smtpPassword
    contentType: 'text/plain'
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
