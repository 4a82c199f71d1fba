// The one identity of the app: the host's storage, Monitor's tables, the Key Vault reference and telemetry all use it.
// User-assigned, so its roles exist before the app does (no start without access) and survive a re-created app.
param name string
param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
