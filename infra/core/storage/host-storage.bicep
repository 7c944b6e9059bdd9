// The Functions host's own storage (AzureWebJobsStorage): keys, timer locks, blob trigger receipts
// and the Flex Consumption deployment package. Kept apart from the lake so that nobody granted
// access to partner data can ever reach the host's secrets, and vice versa.

param name string
param location string
param tags object = {}

@description('The container Flex Consumption deploys the app package to.')
param deploymentContainerName string

resource host 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    isHnsEnabled: false
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
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' = {
  parent: host
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

output name string = host.name
output blobEndpoint string = host.properties.primaryEndpoints.blob
output queueEndpoint string = host.properties.primaryEndpoints.queue
output tableEndpoint string = host.properties.primaryEndpoints.table
output deploymentContainerUrl string = '${host.properties.primaryEndpoints.blob}${deploymentContainer.name}'
