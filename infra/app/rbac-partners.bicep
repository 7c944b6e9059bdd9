// Partner isolation. Each partner gets Storage Blob Data Contributor on the landing container and
// Storage Blob Data Reader on the reports container, each narrowed by an ABAC condition to its own
// folder. On an HNS account the blob path attribute is the path inside the container with no
// leading slash ('acme/vacancies/2026-01.csv'), and a directory is a path too ('acme'), so a
// partner may touch the path '{partner}' itself and anything under '{partner}/', nothing else.
// Listing is checked on the request's prefix, so a partner lists only its own folder.

import { partner } from '../types.bicep'

param partners partner[]
param lakeAccountName string

var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
var storageBlobDataReader = '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'

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

resource landingWriters 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for p in partners: {
  name: guid(lakeAccount::blobService::landing.id, p.principalId, storageBlobDataContributor)
  scope: lakeAccount::blobService::landing
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: p.principalId
    principalType: p.?principalType ?? 'Group'
    description: 'Partner ${p.id}: write only under landing/${p.id}/'
    conditionVersion: '2.0'
    condition: replace(landingCondition, '{partner}', p.id)
  }
}]

resource reportReaders 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for p in partners: {
  name: guid(lakeAccount::blobService::reports.id, p.principalId, storageBlobDataReader)
  scope: lakeAccount::blobService::reports
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataReader)
    principalId: p.principalId
    principalType: p.?principalType ?? 'Group'
    description: 'Partner ${p.id}: read only under reports/${p.id}/'
    conditionVersion: '2.0'
    condition: replace(reportsCondition, '{partner}', p.id)
  }
}]
