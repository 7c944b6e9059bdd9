// People's access, all read-only data roles on named containers, except the operator's two
// management needs. Coordinators read indicators and reports; BI readers read curated and
// indicators; neither ever gets a role on raw, landing or quarantine, where personal data arrive.
// The operator (by default the deployer) manages the Key Vault secrets and the partner registry.

param lakeAccountName string
param keyVaultName string

@description('Entra ID group of the partnership coordinators; empty for none.')
param coordinatorsPrincipalId string
@description('Entra ID group (or service principal) of the BI tools; empty for none.')
param biReadersPrincipalId string
@description('Who rotates the pseudonymisation key and imports partners; empty for none.')
param operatorPrincipalId string
@allowed([ 'User', 'Group', 'ServicePrincipal' ])
param operatorPrincipalType string

var storageBlobDataReader = '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var keyVaultSecretsOfficer = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

resource lakeAccount 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: lakeAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource curated 'containers' existing = {
      name: 'curated'
    }

    resource indicators 'containers' existing = {
      name: 'indicators'
    }

    resource reports 'containers' existing = {
      name: 'reports'
    }
  }

  resource tableService 'tableServices' existing = {
    name: 'default'

    resource partners 'tables' existing = {
      name: 'partners'
    }
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource coordinatorsIndicators 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(coordinatorsPrincipalId)) {
  name: guid(lakeAccount::blobService::indicators.id, coordinatorsPrincipalId, storageBlobDataReader)
  scope: lakeAccount::blobService::indicators
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataReader)
    principalId: coordinatorsPrincipalId
    principalType: 'Group'
  }
}

resource coordinatorsReports 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(coordinatorsPrincipalId)) {
  name: guid(lakeAccount::blobService::reports.id, coordinatorsPrincipalId, storageBlobDataReader)
  scope: lakeAccount::blobService::reports
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataReader)
    principalId: coordinatorsPrincipalId
    principalType: 'Group'
  }
}

resource biCurated 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(biReadersPrincipalId)) {
  name: guid(lakeAccount::blobService::curated.id, biReadersPrincipalId, storageBlobDataReader)
  scope: lakeAccount::blobService::curated
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataReader)
    principalId: biReadersPrincipalId
    principalType: 'Group'
  }
}

resource biIndicators 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(biReadersPrincipalId)) {
  name: guid(lakeAccount::blobService::indicators.id, biReadersPrincipalId, storageBlobDataReader)
  scope: lakeAccount::blobService::indicators
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataReader)
    principalId: biReadersPrincipalId
    principalType: 'Group'
  }
}

resource operatorSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorPrincipalId)) {
  name: guid(vault.id, operatorPrincipalId, keyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficer)
    principalId: operatorPrincipalId
    principalType: operatorPrincipalType
  }
}

resource operatorPartners 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorPrincipalId)) {
  name: guid(lakeAccount::tableService::partners.id, operatorPrincipalId, storageTableDataContributor)
  scope: lakeAccount::tableService::partners
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: operatorPrincipalId
    principalType: operatorPrincipalType
  }
}
