// Alerts as code: an action group that e-mails the operators, log alerts (scheduled queries on
// Application Insights) on what the app logs when work is stuck or failing, and metric alerts on the
// storage account. docs/operations.md says what each one means and what to do.
//
// The log alerts match the rendered text of the app's log messages (the `message` column of `traces`),
// quoted below with the file that writes each one. Changing one of those messages in the code means
// changing its query here: scripts/validate-infra.sh checks that each source file still logs the text
// and that the query here still matches it (the host's MaxDequeueCount message comes from a package,
// not this repository, and is not checked).

import { tagsType } from '../shared/constants.bicep'

@description('Prefix of the alert rule names; the action group is <prefix> and each rule <prefix>-<what>.')
param namePrefix string

@description('Azure region of the log alert rules (the region of the Application Insights component).')
param location string

@description('Tags applied to every resource.')
param tags tagsType

@description('Name of the Application Insights component the log alerts query.')
param applicationInsightsName string

@description('Name of the storage account the metric alerts watch.')
param storageAccountName string

@description('E-mail address the action group notifies. Empty: the alerts still fire and show in the portal, but nobody is told.')
param alertEmail string

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource storage 'Microsoft.Storage/storageAccounts@2026-06-01' existing = {
  name: storageAccountName
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2026-06-01' existing = {
  parent: storage
  name: 'default'
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: namePrefix
  location: 'global'
  tags: tags
  properties: {
    // At most 12 characters; it prefixes SMS and push notifications.
    groupShortName: 'ngo-alerts'
    enabled: true
    emailReceivers: empty(alertEmail)
      ? []
      : [
          {
            name: 'operators'
            emailAddress: alertEmail
            useCommonAlertSchema: true
          }
        ]
  }
}

// Log alerts: every query returns one row per matching log line (or one row when a rate is
// exceeded); a rule fires when the count of rows over windowSize is above threshold.
var logAlerts = [
  {
    name: 'poison-messages'
    displayName: 'Messages parked in a poison queue'
    description: 'A message failed every try and was moved to a -poison queue (requests-submitted, notifications or telegram-updates). Nothing is lost: it is kept in the PoisonMessages table and its request flagged NeedsAttention. See docs/operations.md, Alerts.'
    severity: 1
    windowSize: 'PT15M'
    threshold: 0
    // - "Message has reached MaxDequeueCount of {0}. Moving message to queue '{1}'.": the Functions host's
    //   queue listener (Microsoft.Azure.WebJobs.Extensions.Storage.Queues 5.3.x) moving a message to its
    //   -poison twin.
    // - "{RequestId}: {Change} ({PoisonQueue})" with Change = NeedsAttention:
    //   src/NgoFunctions.Core/Poison/AttentionFlag.cs, the request of a parked message flagged.
    // - "Unreadable poison message from {PoisonQueue} kept as {MessageKey}" and "A Telegram update failed
    //   every try; its ids are kept from {PoisonQueue}": src/NgoFunctions.Core/Poison/PoisonMessageHandler.cs.
    query: '''
traces
| where (message startswith "Message has reached MaxDequeueCount of" and message has "-poison")
    or message matches regex @": NeedsAttention \([a-z0-9-]+-poison\)$"
    or message startswith "Unreadable poison message from "
    or message startswith "A Telegram update failed every try; its ids are kept from "
| project timestamp, message
'''
  }
  {
    name: 'needs-attention'
    displayName: 'Requests needing attention or past their SLA'
    description: 'A request was flagged NeedsAttention, an emergency stayed Waitlisted past its 24-hour response target, a request ran out of NGOs and became Unroutable, or a request keeps being resubmitted because its routing fails. See docs/operations.md, Alerts.'
    severity: 2
    windowSize: 'PT15M'
    threshold: 0
    // - "{RequestId}: {Change} ({PoisonQueue})" with Change = NeedsAttention:
    //   src/NgoFunctions.Core/Poison/AttentionFlag.cs.
    // - "Emergency request {RequestId} Waitlisted past its 24-hour response target: flagged for the
    //   ministry": src/NgoFunctions.Core/Routing/WaitlistSweeper.cs (the SLA sweep of the waitlist).
    // - "{RequestId}: assignment {Attempt} at {NgoId} {Outcome}; request now {Status}" with Status =
    //   Unroutable: src/NgoFunctions.Core/NgoActions/AssignmentRerouter.cs (the assignment sweep escalates
    //   after the last NGO declined or let it expire).
    // - "{RequestId} still Submitted after {AgeSeconds} s: queued for routing again (time {Resubmissions})"
    //   with Resubmissions >= 3: src/NgoFunctions.Core/Routing/StaleRequestResubmitter.cs.
    //   The router's own flag for a sensitive request nobody can take logs the same shape:
    //   src/NgoFunctions.Core/Routing/RequestRouter.cs (LogNeedsAttention).
    query: '''
traces
| where message matches regex @": NeedsAttention \([a-z0-9-]+\)$"
    or message has "Waitlisted past its 24-hour response target"
    or message matches regex @": assignment \d+ at .+; request now Unroutable$"
    or toint(extract(@"queued for routing again \(time (\d+)\)", 1, message)) >= 3
| project timestamp, message
'''
  }
  {
    name: 'http-5xx'
    displayName: 'HTTP 5xx rate above 5 %'
    description: 'More than 5 % of at least 20 HTTP requests in 15 minutes were answered with a 5xx (a failing dependency is a 503, a bug a 500). See docs/operations.md, Alerts.'
    severity: 1
    windowSize: 'PT15M'
    threshold: 0
    // requests: one row per HTTP invocation, written by the Functions host; resultCode is the status.
    query: '''
requests
| summarize Total = count(), Failed = countif(toint(resultCode) >= 500)
| where Total >= 20 and Failed * 100.0 / Total > 5
'''
  }
  {
    name: 'bot-api-failures'
    displayName: 'Telegram Bot API failures'
    description: 'The Bot API was unreachable, refused replies for good, or the bot token is missing, more than 5 times in 15 minutes. Replies and notifications are retried, so citizens and NGO groups hear late. See docs/operations.md, Alerts.'
    severity: 2
    windowSize: 'PT15M'
    threshold: 5
    // - "Bot API unreachable sending to chat {Chat} ({Failure}, HTTP {HttpStatus}); tried again later" and
    //   "Bot API refused reply {Index} to chat {Chat} for good ({ErrorCode}: {Description}); it is
    //   skipped": src/NgoFunctions.Core/Telegram/BotReplySender.cs.
    // - "Could not ask the Bot API who administers group {ChatId} ({Failure}, error {ErrorCode}); the press
    //   is refused": src/NgoFunctions.Core/Telegram/Groups/NgoGroupAdmins.cs.
    // - "Telegram:BotToken is not configured: {Count} replies to chat {Chat} dropped":
    //   src/NgoFunctions.Core/Telegram/ChatOutbox.cs.
    query: '''
traces
| where message startswith "Bot API unreachable sending to chat "
    or message startswith "Bot API refused reply "
    or message startswith "Could not ask the Bot API who administers group "
    or message startswith "Telegram:BotToken is not configured: "
| project timestamp, message
'''
  }
]

resource logAlertRules 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = [
  for alert in logAlerts: {
    name: '${namePrefix}-${alert.name}'
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: alert.displayName
      description: alert.description
      severity: alert.severity
      enabled: true
      scopes: [
        applicationInsights.id
      ]
      evaluationFrequency: 'PT5M'
      windowSize: alert.windowSize
      criteria: {
        allOf: [
          {
            query: alert.query
            timeAggregation: 'Count'
            operator: 'GreaterThan'
            threshold: alert.threshold
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      // Resolved by itself once a window has no matching rows.
      autoMitigate: true
      actions: {
        actionGroups: [
          actionGroup.id
        ]
      }
    }
  }
]

// Metric alert: messages waiting in the account's queues. Queue metrics have no per-queue dimension
// and are published hourly, so this counts all six queues together (the -poison ones included) and
// catches a backlog that builds over an hour; the log alerts above react within minutes.
resource queueBacklog 'Microsoft.Insights/metricAlerts@2026-01-01' = {
  name: '${namePrefix}-queue-backlog'
  location: 'global'
  tags: tags
  properties: {
    description: 'More than 500 messages wait in the storage account\'s queues (requests-submitted, notifications, telegram-updates and their -poison twins together): routing or notification falls behind. See docs/operations.md, Alerts.'
    severity: 2
    enabled: true
    scopes: [
      queueService.id
    ]
    evaluationFrequency: 'PT1H'
    windowSize: 'PT1H'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'messages'
          metricNamespace: 'Microsoft.Storage/storageAccounts/queueServices'
          metricName: 'QueueMessageCount'
          timeAggregation: 'Average'
          operator: 'GreaterThan'
          threshold: 500
        }
      ]
    }
    autoMitigate: true
    actions: [
      {
        actionGroupId: actionGroup.id
      }
    ]
  }
}

// Metric alert: storage calls refused for authorization or network reasons, or failing on the server.
// With private networking a broken private endpoint, DNS zone or role assignment shows here first
// (the host and the app cannot reach their queues and tables). Client errors such as 404 and 409, which
// the host's create-if-missing calls cause routinely, are not counted.
resource storageErrors 'Microsoft.Insights/metricAlerts@2026-01-01' = {
  name: '${namePrefix}-storage-errors'
  location: 'global'
  tags: tags
  properties: {
    description: 'More than 10 storage calls in 15 minutes refused (authorization, network) or failed on the server. See docs/operations.md, Alerts.'
    severity: 1
    enabled: true
    scopes: [
      storage.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'refused'
          metricNamespace: 'Microsoft.Storage/storageAccounts'
          metricName: 'Transactions'
          timeAggregation: 'Total'
          operator: 'GreaterThan'
          threshold: 10
          dimensions: [
            {
              name: 'ResponseType'
              operator: 'Include'
              values: [
                'AuthorizationError'
                'NetworkError'
                'ServerOtherError'
                'ServerTimeoutError'
                'ServerBusyError'
              ]
            }
          ]
        }
      ]
    }
    autoMitigate: true
    actions: [
      {
        actionGroupId: actionGroup.id
      }
    ]
  }
}

@description('Resource ID of the action group.')
output actionGroupId string = actionGroup.id

@description('Names of the log alert rules.')
output logAlertRuleNames string[] = [for (alert, i) in logAlerts: logAlertRules[i].name]
