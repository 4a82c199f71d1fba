// What tells the user that something is wrong, by e-mail: a monthly budget on the resource group (the template is
// meant to cost cents), and one log search alert rule over the workspace that fires when PollFeeds or SendDigest
// failed twice in a row, when no PollFeeds pass has succeeded for an hour, or when the workspace's daily cap was
// reached (telemetry then stops silently until the cap resets). One rule, not three: each rule is billed
// (docs/cost.md), and the rule's results say which of the three it was.
param location string
param tags object
param actionGroupName string
param alertRuleName string
param budgetName string
@description('Where alerts and budget notifications go.')
param alertEmail string
@description('Monthly budget of the resource group, in the billing currency (a string: Bicep has no decimals).')
param monthlyBudget string
@description('Resource id of the Log Analytics workspace behind Application Insights.')
param workspaceId string
@description('First day of the budget\'s first month; the current month by default (a budget may not start in an earlier month).')
param budgetStartDate string = utcNow('yyyy-MM-01')

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: actionGroupName
  location: 'Global'
  tags: tags
  properties: {
    groupShortName: 'monitor'
    enabled: true
    emailReceivers: [
      {
        name: 'operator'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

// Workspace tables (AppRequests is where Application Insights writes function invocations; _LogOperation is where
// the workspace reports its own problems, and is not subject to the daily cap).
var healthQuery = '''
let failedTwice = AppRequests
    | where TimeGenerated > ago(2h) and Name in ("PollFeeds", "SendDigest")
    | order by Name asc, TimeGenerated desc
    | extend Run = row_number(1, prev(Name) != Name)
    | where Run <= 2
    | summarize Runs = count(), Failures = countif(Success == false) by Name
    | where Runs == 2 and Failures == 2
    | project Problem = strcat(Name, " failed twice in a row");
let passes = toscalar(AppRequests
    | where TimeGenerated > ago(1h) and Name == "PollFeeds" and Success == true
    | count);
let noPass = print Problem = "no PollFeeds pass has succeeded for an hour"
    | where passes == 0;
let capped = _LogOperation
    | where TimeGenerated > ago(1h) and Category =~ "Ingestion" and Detail contains "OverQuota"
    | take 1
    | project Problem = "the Log Analytics daily cap was reached: telemetry has stopped until the cap resets";
union failedTwice, noPass, capped
'''

resource healthAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: alertRuleName
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Monitor needs attention'
    description: 'PollFeeds or SendDigest failed twice in a row, no PollFeeds pass has succeeded for an hour, or the Log Analytics daily cap was reached. The query results (Problem) say which.'
    severity: 1
    enabled: true
    scopes: [
      workspaceId
    ]
    evaluationFrequency: 'PT15M' // the timers' period; also the cheapest frequency
    windowSize: 'PT2H'
    autoMitigate: true
    skipQueryValidation: true // a new workspace has no rows yet
    criteria: {
      allOf: [
        {
          query: healthQuery
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}

resource budget 'Microsoft.Consumption/budgets@2023-11-01' = {
  name: budgetName
  properties: {
    category: 'Cost'
    amount: json(monthlyBudget)
    timeGrain: 'Monthly'
    timePeriod: {
      startDate: budgetStartDate
    }
    notifications: {
      actual: {
        enabled: true
        operator: 'GreaterThanOrEqualTo'
        threshold: 100
        thresholdType: 'Actual'
        contactEmails: [
          alertEmail
        ]
      }
      forecast: {
        enabled: true
        operator: 'GreaterThanOrEqualTo'
        threshold: 100
        thresholdType: 'Forecasted'
        contactEmails: [
          alertEmail
        ]
      }
    }
  }
}

output actionGroupName string = actionGroup.name
