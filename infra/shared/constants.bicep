// Names shared by several modules. Keeping them here means the storage module creates exactly
// the queues/tables the function app is told about, and the Key Vault module creates exactly
// the secrets the app settings reference.

@export()
@description('Storage queues created by the deployment (the -poison queues receive messages that failed processing five times).')
var queueNames = {
  requestsSubmitted: 'requests-submitted'
  requestsSubmittedPoison: 'requests-submitted-poison'
  notifications: 'notifications'
  notificationsPoison: 'notifications-poison'
  telegramUpdates: 'telegram-updates'
  telegramUpdatesPoison: 'telegram-updates-poison'
  webhooks: 'webhooks'
  webhooksPoison: 'webhooks-poison'
}

@export()
@description('Storage tables created by the deployment.')
var tableNames = {
  serviceRequests: 'ServiceRequests'
  ngos: 'Ngos'
  ngoCases: 'NgoCases'
  poisonMessages: 'PoisonMessages'
  telegramUpdates: 'TelegramUpdates'
  conversations: 'Conversations'
  ngoApiKeys: 'NgoApiKeys'
  partnerApiKeys: 'PartnerApiKeys'
  requestIndex: 'RequestIndex'
  intakeGuards: 'IntakeGuards'
  waitlist: 'Waitlist'
  ngoWebhooks: 'NgoWebhooks'
}

@export()
@description('Key Vault secret names; the function app reads them through Key Vault references.')
var secretNames = {
  telegramBotToken: 'telegram-bot-token'
  telegramWebhookSecret: 'telegram-webhook-secret'
  webhookSigningKey: 'webhook-signing-key'
  exportPseudonymKey: 'export-pseudonym-key'
  adminApiKeySha256: 'admin-api-key-sha256'
  ministryApiKeySha256: 'ministry-api-key-sha256'
}

@export()
@description('Blob container that holds the deployment package of the Flex Consumption app.')
var deploymentContainerName = 'deploymentpackage'

@export()
@description('Blob containers the Functions host keeps its own state in (leases, timer schedules, host keys). The deployment creates them so that the app\'s blob role can be scoped to them instead of the account.')
var hostContainerNames = {
  // Host ID lease, singleton locks of the timer triggers, timer schedule status.
  hosts: 'azure-webjobs-hosts'
  // Host and function keys (AzureWebJobsSecretStorageType defaults to blob).
  secrets: 'azure-webjobs-secrets'
}

@export()
@description('Resource tags: a string-to-string map.')
type tagsType = {
  *: string
}

@export()
@description('Request header Front Door overwrites with the socket address of the client connection (rule set in front-door.bicep); the app counts intake by it (IntakeLimits__ForwardedForHeader).')
var edgeClientAddressHeader = 'X-Edge-Client-IP'
