// Partner isolation. Each partner gets a landing-writer role on the landing container and a
// report-reader role on the reports container, each narrowed by an ABAC condition to its own
// folder. The two roles are custom because the built-in Storage Blob Data Contributor and Reader
// also carry container-level actions (delete the container, make user delegation keys) that no
// condition can narrow: a partner holding them could delete every partner's pending uploads. On an HNS account the blob path attribute is the path inside the container with no
// leading slash ('acme/vacancies/2026-01.csv'), and a directory is a path too ('acme'), so a
// partner may touch the path '{partner}' itself and anything under '{partner}/', nothing else.
// Listing is checked on the request's prefix, so a partner lists only its own folder.

import { partner } from '../types.bicep'

param partners partner[]
param lakeAccountName string

var landingWriterActions = [
  'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'
  'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write'
  'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action'
  'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete'
  'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/move/action'
]
var reportReaderActions = [
  'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'
]

// {partner} is replaced by the partner id. Every data action of the role is named, so none is left unconditioned.
var landingCondition = '''
(
 (
  !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'} AND NOT SubOperationMatches{'Blob.List'})
  AND
  !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write'})
  AND
  !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action'})
  AND
  !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete'})
  AND
  !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/move/action'})
 )
 OR
 (
  @Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] StringEquals '{partner}'
  OR
  @Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] StringStartsWith '{partner}/'
 )
)
AND
(
 (
  !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'} AND SubOperationMatches{'Blob.List'})
 )
 OR
 (
  @Request[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:prefix] StringStartsWith '{partner}/'
 )
)
'''

var reportsCondition = '''
(
 (
  !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'} AND NOT SubOperationMatches{'Blob.List'})
 )
 OR
 (
  @Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] StringEquals '{partner}'
  OR
  @Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] StringStartsWith '{partner}/'
 )
)
AND
(
 (
  !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'} AND SubOperationMatches{'Blob.List'})
 )
 OR
 (
  @Request[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:prefix] StringStartsWith '{partner}/'
 )
)
'''

resource lakeAccount 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: lakeAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource landing 'containers' existing = {
      name: 'landing'
    }

    resource reports 'containers' existing = {
      name: 'reports'
    }
  }
}

// Custom roles are defined per resource group (their names are unique in the tenant) and assignable only there.
resource landingWriterRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, 'partner-landing-writer')
  properties: {
    roleName: 'Pipeline partner landing writer (${resourceGroup().name}, ${uniqueString(resourceGroup().id)})'
    description: 'Blob data actions only, no container actions: write, read back, delete and rename uploads. Assigned with a condition limiting it to the partner\'s folder.'
    type: 'CustomRole'
    assignableScopes: [ resourceGroup().id ]
    permissions: [
      {
        actions: []
        notActions: []
        dataActions: landingWriterActions
        notDataActions: []
      }
    ]
  }
}

resource reportReaderRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, 'partner-report-reader')
  properties: {
    roleName: 'Pipeline partner report reader (${resourceGroup().name}, ${uniqueString(resourceGroup().id)})'
    description: 'Read and list blobs only. Assigned with a condition limiting it to the partner\'s folder.'
    type: 'CustomRole'
    assignableScopes: [ resourceGroup().id ]
    permissions: [
      {
        actions: []
        notActions: []
        dataActions: reportReaderActions
        notDataActions: []
      }
    ]
  }
}

resource landingWriters 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for p in partners: {
  name: guid(lakeAccount::blobService::landing.id, p.principalId, landingWriterRole.name)
  scope: lakeAccount::blobService::landing
  properties: {
    // Role assignments name a role definition by its subscription-level id, wherever it was defined.
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', landingWriterRole.name)
    principalId: p.principalId
    principalType: p.?principalType ?? 'Group'
    description: 'Partner ${p.id}: write only under landing/${p.id}/'
    conditionVersion: '2.0'
    condition: replace(landingCondition, '{partner}', p.id)
  }
}]

resource reportReaders 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for p in partners: {
  name: guid(lakeAccount::blobService::reports.id, p.principalId, reportReaderRole.name)
  scope: lakeAccount::blobService::reports
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', reportReaderRole.name)
    principalId: p.principalId
    principalType: p.?principalType ?? 'Group'
    description: 'Partner ${p.id}: read only under reports/${p.id}/'
    conditionVersion: '2.0'
    condition: replace(reportsCondition, '{partner}', p.id)
  }
}]
