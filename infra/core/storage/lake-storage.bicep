// The data lake: one HNS (Data Lake Storage) account holding the zone containers, the pipeline's
// tables and its queue. Entra ID only: no shared keys, no anonymous blobs, TLS 1.2 or later.

param name string
param location string
param tags object = {}

@description('The lake zones, one container each (Pipeline.Core LakePaths.Zones).')
param zones array

@description('The pipeline tables: partner registry, ingestion log, partition ownership, feed state, indicator serving.')
param tables array

@description('Queues the app reads or writes, the Functions extensions\' poison queues included, created here so the app needs no account-wide queue role.')
param queues array

@minValue(1)
@description('Days after which an upload left in landing is deleted; raw keeps the immutable copy.')
param landingRetentionDays int

@minValue(1)
@description('Days after which raw copies move to the cool tier.')
param rawCoolAfterDays int

resource lake 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
  properties: {
    isHnsEnabled: true
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
    encryption: {
      keySource: 'Microsoft.Storage'
      requireInfrastructureEncryption: true
      services: {
        blob: { enabled: true, keyType: 'Account' }
        file: { enabled: true, keyType: 'Account' }
        queue: { enabled: true, keyType: 'Account' }
        table: { enabled: true, keyType: 'Account' }
      }
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' = {
  parent: lake
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: 14
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: 14
    }
  }
}

resource zoneContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = [for zone in zones: {
  parent: blobService
  name: zone
  properties: {
    publicAccess: 'None'
  }
}]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2024-01-01' = {
  parent: lake
  name: 'default'
}

resource pipelineTables 'Microsoft.Storage/storageAccounts/tableServices/tables@2024-01-01' = [for table in tables: {
  parent: tableService
  name: table
}]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2024-01-01' = {
  parent: lake
  name: 'default'
}

resource pipelineQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2024-01-01' = [for queue in queues: {
  parent: queueService
  name: queue
}]

// raw is the immutable record of every upload: it cools, it is never deleted by a rule.
// curated and indicators have no rule at all, so nothing ever deletes them automatically.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2024-01-01' = {
  parent: lake
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'raw-to-cool'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [ 'blockBlob' ]
              prefixMatch: [ 'raw/' ]
            }
            actions: {
              baseBlob: {
                tierToCool: {
                  daysAfterModificationGreaterThan: rawCoolAfterDays
                }
              }
            }
          }
        }
        {
          name: 'landing-expiry'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [ 'blockBlob' ]
              prefixMatch: [ 'landing/' ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: landingRetentionDays
                }
              }
            }
          }
        }
      ]
    }
  }
  dependsOn: [ zoneContainers ]
}

output name string = lake.name
output id string = lake.id
output blobEndpoint string = lake.properties.primaryEndpoints.blob
output dfsEndpoint string = lake.properties.primaryEndpoints.dfs
output queueEndpoint string = lake.properties.primaryEndpoints.queue
output tableEndpoint string = lake.properties.primaryEndpoints.table
