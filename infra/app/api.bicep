// The Function App on Flex Consumption (FC1), .NET 10 isolated worker. Every connection is
// identity-based through the user-assigned identity; secrets come from Key Vault references.
// People sign in with Entra ID through App Service built-in authentication (no function keys):
// the HTTP functions are anonymous at the host level and check the caller themselves.

import { feed } from '../types.bicep'

param name string
param planName string
param location string
param tags object = {}
param serviceName string = 'api'

param identityId string
param identityClientId string

param hostBlobEndpoint string
param hostQueueEndpoint string
param hostTableEndpoint string
param deploymentContainerUrl string

param lakeBlobEndpoint string
param lakeQueueEndpoint string
param lakeTableEndpoint string

param applicationInsightsConnectionString string
param keyVaultUri string

@description('Key Vault secret holding the base64 pseudonymisation key.')
param pseudonymisationKeyName string

param feeds feed[]
param feedsSchedule string
param indicatorsSchedule string
param suppressionThreshold int

@description('Application (client) id of the app registration people sign in to.')
param authClientId string

@description('Entra ID tenant of the app registration.')
param authTenantId string

@description('Token audiences the app accepts besides the client id itself, such as api://{client id}.')
param authAllowedAudiences string[]

@description('Value of the app role that makes a signed-in user a coordinator.')
param coordinatorRole string

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int
@allowed([ 512, 2048, 4096 ])
param instanceMemoryMB int

// Key Vault secret names allow letters, digits and dashes: ADZUNA_KEY is kept as adzuna-key.
func secretNameFor(variable string) string => toLower(replace(variable, '_', '-'))

var identitySettings = {
  AzureWebJobsStorage__blobServiceUri: hostBlobEndpoint
  AzureWebJobsStorage__queueServiceUri: hostQueueEndpoint
  AzureWebJobsStorage__tableServiceUri: hostTableEndpoint
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  PipelineStorage__blobServiceUri: lakeBlobEndpoint
  PipelineStorage__queueServiceUri: lakeQueueEndpoint
  PipelineStorage__tableServiceUri: lakeTableEndpoint
  PipelineStorage__credential: 'managedidentity'
  PipelineStorage__clientId: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
}

var pipelineSettings = {
  Pipeline__PseudonymisationKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${pseudonymisationKeyName}/)'
  Pipeline__SuppressionThreshold: string(suppressionThreshold)
  Pipeline__Access__CoordinatorRole: coordinatorRole
  FeedsSchedule: feedsSchedule
  IndicatorsSchedule: indicatorsSchedule
}

// Pipeline__Feeds__{i}__name|kind|url|maxPages|apiKeyEnv, the configuration binding of Pipeline:Feeds.
var feedSettings = reduce(range(0, length(feeds)), {}, (settings, i) => union(
  settings,
  {
    'Pipeline__Feeds__${i}__name': feeds[i].name
    'Pipeline__Feeds__${i}__kind': feeds[i].kind
    'Pipeline__Feeds__${i}__url': feeds[i].url
  },
  feeds[i].?maxPages == null ? {} : { 'Pipeline__Feeds__${i}__maxPages': string(feeds[i].?maxPages) },
  feeds[i].?apiKeyEnv == null ? {} : { 'Pipeline__Feeds__${i}__apiKeyEnv': feeds[i].?apiKeyEnv }
))

// The variable a feed's apiKeyEnv names holds a Key Vault reference, never the key itself.
var feedKeySettings = reduce(filter(feeds, f => f.?apiKeyEnv != null), {}, (settings, f) => union(
  settings,
  { '${f.apiKeyEnv!}': '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNameFor(f.apiKeyEnv!)}/)' }
))

// Paths built-in authentication lets through unauthenticated (see the authsettingsV2 resource).
var authExcludedPaths = [ '/api/dashboard', '/api/upload', '/runtime/webhooks/blobs' ]

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  resource appSettings 'config' = {
    name: 'appsettings'
    properties: union(identitySettings, pipelineSettings, feedSettings, feedKeySettings)
  }

  // Built-in authentication answers every unauthenticated request with 401 before the app runs,
  // except on two paths that check the caller themselves: the dashboard page, which sends a
  // signed-out browser to the sign-in page (one global action cannot both 401 API calls and
  // redirect pages), and the blob extension's webhook, which Event Grid calls with the
  // extension's system key. Signed-in requests reach the app with X-MS-CLIENT-PRINCIPAL.
  resource authentication 'config' = {
    name: 'authsettingsV2'
    properties: {
      platform: {
        enabled: true
      }
      globalValidation: {
        requireAuthentication: true
        unauthenticatedClientAction: 'Return401'
        excludedPaths: authExcludedPaths
      }
      httpSettings: {
        requireHttps: true
      }
      identityProviders: {
        azureActiveDirectory: {
          enabled: true
          registration: {
            clientId: authClientId
            openIdIssuer: '${environment().authentication.loginEndpoint}${authTenantId}/v2.0'
          }
          validation: {
            allowedAudiences: union([ authClientId ], authAllowedAudiences)
          }
        }
      }
      login: {
        tokenStore: {
          enabled: true
        }
      }
    }
  }

  // No FTP or Kudu basic-auth publishing: azd deploys with an Entra ID token.
  resource ftpPublishing 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }

  resource scmPublishing 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }
}

output name string = functionApp.name
output defaultHostName string = functionApp.properties.defaultHostName
