// The workforce intelligence pipeline in one resource group: the lake, the Function App on
// Flex Consumption, its identity and roles, Key Vault, monitoring and the Event Grid topic that
// feeds the blob trigger. `azd up` deploys it; docs/deploy.md and docs/security.md explain it.

targetScope = 'subscription'

import { feed, partner } from 'types.bicep'

@minLength(1)
@maxLength(64)
@description('azd environment name; with the subscription and location it makes every resource name unique.')
param environmentName string

@minLength(1)
@description('Azure region for every resource.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of whoever runs the deployment (azd sets it): the operator who manages secrets and partners.')
param principalId string = ''

@allowed([ 'User', 'Group', 'ServicePrincipal' ])
param principalType string = 'User'

@description('Partners allowed to upload: each writes only landing/{id}/ and reads only reports/{id}/.')
param partners partner[] = []

@description('Entra ID group of the partnership coordinators (read indicators and reports); empty for none.')
param coordinatorsPrincipalId string = ''

@description('Entra ID group of the BI tools (read curated and indicators); empty for none.')
param biReadersPrincipalId string = ''

@minLength(1)
@description('Application (client) id of the Entra ID app registration people sign in to (docs/deploy.md, "App registration").')
param authClientId string

@description('Entra ID tenant of the app registration; the deployment\'s tenant unless another is given.')
param authTenantId string = tenant().tenantId

@description('Token audiences accepted besides the client id; empty for api://{authClientId}.')
param authAllowedAudiences string[] = []

@description('Value of the app registration\'s app role for coordinators (infra/entra/app-roles.json).')
param coordinatorRole string = 'Coordinator'

@description('Labour-market feeds the timer pulls.')
param feeds feed[] = []

@description('NCRONTAB schedule (UTC) of PullLabourMarketFeeds.')
param feedsSchedule string = '0 0 2 * * *'

@description('NCRONTAB schedule (UTC) of ComputeIndicatorsNightly.')
param indicatorsSchedule string = '0 30 3 * * *'

@minValue(1)
@description('Exits-based counts from 1 to this number are suppressed below partnership level.')
param suppressionThreshold int = 7

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@allowed([ 512, 2048, 4096 ])
param instanceMemoryMB int = 2048

@description('Keep a deleted Key Vault recoverable (and unpurgeable) for 90 days. Recommended: the pseudonymisation key cannot be recreated.')
param keyVaultPurgeProtection bool = true

@minValue(1)
param landingRetentionDays int = 90

@minValue(1)
param rawCoolAfterDays int = 90

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }

// Fixed names shared with the code (Pipeline.Core LakePaths and the storage classes).
var zones = [ 'landing', 'raw', 'quarantine', 'reports', 'curated', 'indicators' ]
var tables = [ 'partners', 'ingestions', 'partitions', 'feedstate', 'indicators' ]
// The recompute queue plus the poison queues the queue and blob extensions write to on this account.
var queues = [ 'indicator-recompute', 'indicator-recompute-poison', 'webjobs-blobtrigger-poison' ]
var pseudonymisationKeyName = 'pseudonymisation-key'

var functionAppName = 'func-${resourceToken}'
var identityName = 'id-api-${resourceToken}'
var lakeAccountName = 'stlake${resourceToken}'
var hostAccountName = 'sthost${resourceToken}'
var keyVaultName = 'kv-${resourceToken}'
var applicationInsightsName = 'appi-${resourceToken}'
var deploymentContainerName = 'app-package-${take(resourceToken, 7)}'

resource resourceGroup 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'core/security/identity.bicep' = {
  name: 'identity'
  scope: resourceGroup
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module lake 'core/storage/lake-storage.bicep' = {
  name: 'lake'
  scope: resourceGroup
  params: {
    name: lakeAccountName
    location: location
    tags: tags
    zones: zones
    tables: tables
    queues: queues
    landingRetentionDays: landingRetentionDays
    rawCoolAfterDays: rawCoolAfterDays
  }
}

module hostStorage 'core/storage/host-storage.bicep' = {
  name: 'hostStorage'
  scope: resourceGroup
  params: {
    name: hostAccountName
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
  }
}

module monitoring 'core/monitor/monitoring.bicep' = {
  name: 'monitoring'
  scope: resourceGroup
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: applicationInsightsName
    location: location
    tags: tags
  }
}

module keyVault 'core/security/key-vault.bicep' = {
  name: 'keyVault'
  scope: resourceGroup
  params: {
    name: keyVaultName
    location: location
    tags: tags
    enablePurgeProtection: keyVaultPurgeProtection
  }
}

module eventGrid 'app/event-grid.bicep' = {
  name: 'eventGrid'
  scope: resourceGroup
  params: {
    name: 'evgt-lake-${resourceToken}'
    location: location
    tags: tags
    lakeAccountName: lakeAccountName
  }
  dependsOn: [ lake ]
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: resourceGroup
  params: {
    name: functionAppName
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    hostBlobEndpoint: hostStorage.outputs.blobEndpoint
    hostQueueEndpoint: hostStorage.outputs.queueEndpoint
    hostTableEndpoint: hostStorage.outputs.tableEndpoint
    deploymentContainerUrl: hostStorage.outputs.deploymentContainerUrl
    lakeBlobEndpoint: lake.outputs.blobEndpoint
    lakeQueueEndpoint: lake.outputs.queueEndpoint
    lakeTableEndpoint: lake.outputs.tableEndpoint
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    keyVaultUri: keyVault.outputs.uri
    pseudonymisationKeyName: pseudonymisationKeyName
    feeds: feeds
    feedsSchedule: feedsSchedule
    indicatorsSchedule: indicatorsSchedule
    suppressionThreshold: suppressionThreshold
    authClientId: authClientId
    authTenantId: authTenantId
    authAllowedAudiences: empty(authAllowedAudiences) ? [ 'api://${authClientId}' ] : authAllowedAudiences
    coordinatorRole: coordinatorRole
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
}

module appAccess 'app/rbac-app.bicep' = {
  name: 'appAccess'
  scope: resourceGroup
  params: {
    identityName: identityName
    hostAccountName: hostAccountName
    lakeAccountName: lakeAccountName
    zones: zones
    tables: tables
    queues: queues
    keyVaultName: keyVaultName
    applicationInsightsName: applicationInsightsName
  }
  dependsOn: [ identity, hostStorage, lake, keyVault, monitoring ]
}

module partnerAccess 'app/rbac-partners.bicep' = {
  name: 'partnerAccess'
  scope: resourceGroup
  params: {
    partners: partners
    lakeAccountName: lakeAccountName
  }
  dependsOn: [ lake ]
}

module peopleAccess 'app/rbac-people.bicep' = {
  name: 'peopleAccess'
  scope: resourceGroup
  params: {
    lakeAccountName: lakeAccountName
    keyVaultName: keyVaultName
    coordinatorsPrincipalId: coordinatorsPrincipalId
    biReadersPrincipalId: biReadersPrincipalId
    operatorPrincipalId: principalId
    operatorPrincipalType: principalType
  }
  dependsOn: [ lake, keyVault ]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output RESOURCE_GROUP string = resourceGroup.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output AZURE_FUNCTION_APP_HOST string = api.outputs.defaultHostName
output AZURE_STORAGE_ACCOUNT_NAME string = lake.outputs.name
output AZURE_STORAGE_DFS_ENDPOINT string = lake.outputs.dfsEndpoint
output LAKE_SYSTEM_TOPIC_NAME string = eventGrid.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AUTH_SIGN_IN_URL string = 'https://${api.outputs.defaultHostName}/.auth/login/aad?post_login_redirect_uri=/api/dashboard'
output PSEUDONYMISATION_KEY_NAME string = pseudonymisationKeyName
