// The Event Grid system topic on the lake account. The blob trigger's subscription to it is made
// after deployment (infra/scripts/postdeploy.sh): its webhook needs the blobs_extension key,
// which exists only once the app code runs.

param name string
param location string
param tags object = {}
param lakeAccountName string

resource lake 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: lakeAccountName
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    source: lake.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

output name string = systemTopic.name
