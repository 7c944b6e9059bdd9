// Key Vault for the pseudonymisation key and the feeds' API keys. RBAC authorisation only:
// no access policies, so every read is a role assignment that shows up in the deployment.

param name string
param location string
param tags object = {}

@description('Purge protection keeps a deleted vault (and the pseudonymisation key) recoverable for the retention period.')
param enablePurgeProtection bool

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    accessPolicies: []
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
