// Parameter shapes shared by main.bicep and its modules.

@export()
@description('A labour-market feed (SPEC "Labour-market feeds"); becomes the Pipeline__Feeds__{i}__* app settings.')
type feed = {
  @minLength(1)
  name: string
  kind: 'nomis-claimants' | 'adzuna-postings' | 'nhs-vacancy-statistics'
  @minLength(1)
  url: string
  @minValue(1)
  maxPages: int?
  @description('Environment variable holding the API key; in Azure a Key Vault reference to the secret of the same name in lower case with dashes.')
  apiKeyEnv: string?
}

@export()
@description('A partner organisation that uploads to landing/{id}/ and reads reports/{id}/.')
type partner = {
  @minLength(2)
  @maxLength(40)
  @description('Partner id, as in the partner registry: lowercase a-z, 0-9 and dashes.')
  id: string
  @description('Object id of the partner\'s Entra ID group (or user or service principal).')
  principalId: string
  principalType: ('Group' | 'User' | 'ServicePrincipal')?
}
