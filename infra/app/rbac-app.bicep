// What the Function App's identity may do, each role on the narrowest scope that works:
// - host storage (AzureWebJobsStorage): Blob Data Owner (host keys, locks, blob receipts, the
//   deployment package), Queue Data Contributor (blob trigger bookkeeping queues) and Table Data
//   Contributor (host diagnostic events), on that account only;
// - the lake: Blob Data Contributor on each zone container, Queue Data Contributor on each
//   pipeline queue, Table Data Contributor on each pipeline table;
// - Key Vault Secrets User on the vault (its secrets are the pipeline's only);
// - Monitoring Metrics Publisher on Application Insights (local auth is off).

@description('The Function App\'s user-assigned identity.')
param identityName string
param hostAccountName string
param lakeAccountName string
param zones array
param tables array
param queues array
param keyVaultName string
param applicationInsightsName string

var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource hostAccount 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: hostAccountName
}

resource lakeAccount 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: lakeAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'
  }

  resource queueService 'queueServices' existing = {
    name: 'default'
  }

  resource tableService 'tableServices' existing = {
    name: 'default'
  }
}

resource zoneContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' existing = [for zone in zones: {
  parent: lakeAccount::blobService
  name: zone
}]

resource pipelineQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2024-01-01' existing = [for queue in queues: {
  parent: lakeAccount::queueService
  name: queue
}]

resource pipelineTables 'Microsoft.Storage/storageAccounts/tableServices/tables@2024-01-01' existing = [for table in tables: {
  parent: lakeAccount::tableService
  name: table
}]

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource hostBlobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hostAccount.id, identity.id, storageBlobDataOwner)
  scope: hostAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwner)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource hostQueueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hostAccount.id, identity.id, storageQueueDataContributor)
  scope: hostAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource hostTableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hostAccount.id, identity.id, storageTableDataContributor)
  scope: hostAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource zoneBlobContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (zone, i) in zones: {
  name: guid(zoneContainers[i].id, identity.id, storageBlobDataContributor)
  scope: zoneContainers[i]
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}]

resource queueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (queue, i) in queues: {
  name: guid(pipelineQueues[i].id, identity.id, storageQueueDataContributor)
  scope: pipelineQueues[i]
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}]

resource tableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (table, i) in tables: {
  name: guid(pipelineTables[i].id, identity.id, storageTableDataContributor)
  scope: pipelineTables[i]
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}]

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, identity.id, monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}
