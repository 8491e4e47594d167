#!/usr/bin/env bash
# Validates the Bicep infrastructure under infra/.
#
#   1. Gets the Bicep CLI (pinned version) from the NuGet package
#      Azure.Bicep.CommandLine.linux-x64 through an ordinary `dotnet restore` of a throw-away
#      project, and caches the binary in .tools/bicep/<version>/ (git-ignored).
#   2. `bicep build infra/main.bicep` and `bicep lint infra/main.bicep`: any warning or error
#      fails the script (infra/bicepconfig.json raises every linter rule to error).
#   3. infra/main.parameters.json must be valid JSON, and every parameter in it must be
#      declared in main.bicep with a compatible type (checked with `bicep build-params`).
#   4. The compiled template must still define the app settings the application reads, the edge
#      (Front Door WAF rate limits, the app locked to the profile), and the client address header
#      the app reads must be the one the edge overwrites.
#   5. Guarded properties (issue #18), asserted with jq on the compiled ARM JSON: private networking on
#      by default and, with it on, storage and Key Vault refuse public network access, the app joins
#      the delegated subnet and the four private endpoints with their DNS zones exist; Key Vault purge
#      protection; every role assignment's role and scope; the alert rules and their action group.
#      Reverting any of them fails the script.
#
# Works from any working directory; paths are resolved from this script's location.
# Usage: scripts/validate-infra.sh
set -euo pipefail

readonly BICEP_VERSION="0.49.2"
readonly BICEP_PACKAGE="Azure.Bicep.CommandLine.linux-x64"

SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd -- "${SCRIPT_DIR}/.." && pwd -P)"
readonly SCRIPT_DIR REPO_ROOT
readonly TOOLS_DIR="${REPO_ROOT}/.tools/bicep/${BICEP_VERSION}"
readonly BICEP="${TOOLS_DIR}/bicep"

export DOTNET_NOLOGO=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

WORK_DIR="$(mktemp -d)"
readonly WORK_DIR
trap 'rm -rf -- "${WORK_DIR}"' EXIT

failures=0

log() { printf '==> %s\n' "$*"; }
fail() {
  printf 'FAIL: %s\n' "$*" >&2
  failures=$((failures + 1))
}

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) ;;
  *)
    printf 'This script uses %s and needs Linux x86_64 (found %s %s).\n' \
      "${BICEP_PACKAGE}" "$(uname -s)" "$(uname -m)" >&2
    exit 2
    ;;
esac

bicep_is_usable() {
  [[ -x "${BICEP}" ]] && "${BICEP}" --version 2>/dev/null | grep -q "Bicep CLI version ${BICEP_VERSION} "
}

install_bicep() {
  if ! command -v dotnet >/dev/null 2>&1; then
    printf 'dotnet is required to fetch %s from NuGet.\n' "${BICEP_PACKAGE}" >&2
    exit 2
  fi

  local sdk_major project_dir packages_dir source_binary
  project_dir="${WORK_DIR}/bicep-download"
  mkdir -p "${project_dir}"
  # Every dotnet command runs from the temporary directory, so that a global.json in the caller's
  # working directory (or in this repository) does not take part in choosing the SDK.
  sdk_major="$(cd -- "${project_dir}" && dotnet --version | cut -d. -f1)"

  # A project that only downloads the package: PackageDownload fetches and extracts it into the
  # NuGet global packages folder without referencing it.
  cat >"${project_dir}/bicep-download.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net${sdk_major}.0</TargetFramework>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="${BICEP_PACKAGE}" Version="[${BICEP_VERSION}]" />
  </ItemGroup>
</Project>
EOF

  log "Fetching ${BICEP_PACKAGE} ${BICEP_VERSION} with dotnet restore"
  if ! (cd -- "${project_dir}" && dotnet restore bicep-download.csproj --verbosity quiet) \
    >"${WORK_DIR}/restore.log" 2>&1; then
    cat "${WORK_DIR}/restore.log" >&2
    printf 'dotnet restore of %s %s failed.\n' "${BICEP_PACKAGE}" "${BICEP_VERSION}" >&2
    exit 2
  fi

  packages_dir="$(cd -- "${project_dir}" && dotnet nuget locals global-packages --list |
    sed -n 's/^global-packages: //p')"
  packages_dir="${packages_dir%/}"
  source_binary="${packages_dir}/$(tr '[:upper:]' '[:lower:]' <<<"${BICEP_PACKAGE}")/${BICEP_VERSION}/tools/bicep"
  if [[ ! -f "${source_binary}" ]]; then
    printf 'The restored package has no tools/bicep (looked at %s).\n' "${source_binary}" >&2
    exit 2
  fi

  # Copy next to the final name, then rename: a concurrent or interrupted run never leaves a
  # half-written binary in the cache.
  mkdir -p "${TOOLS_DIR}"
  install -m 0755 "${source_binary}" "${BICEP}.tmp.$$"
  mv -f "${BICEP}.tmp.$$" "${BICEP}"
}

if bicep_is_usable; then
  log "Using cached Bicep CLI: .tools/bicep/${BICEP_VERSION}/bicep"
else
  install_bicep
  if ! bicep_is_usable; then
    printf 'The Bicep CLI at %s does not report version %s.\n' "${BICEP}" "${BICEP_VERSION}" >&2
    exit 2
  fi
fi
"${BICEP}" --version

# Runs a bicep command; prints its output; counts a failure if it exits non-zero or prints any
# line containing "warning" or "error".
run_bicep_checked() {
  local label="$1"
  shift
  local output status=0
  output="$("${BICEP}" "$@" 2>&1)" || status=$?
  if [[ -n "${output}" ]]; then
    printf '%s\n' "${output}"
  fi
  if ((status != 0)); then
    fail "${label}: exit code ${status}"
  elif grep -qiE '(^|[^[:alnum:]_])(warning|error)([^[:alnum:]_]|$)' <<<"${output}"; then
    fail "${label}: reported warnings or errors"
  else
    log "${label}: OK"
  fi
}

cd -- "${REPO_ROOT}"

compiled_template="${WORK_DIR}/main.json"
log "bicep build infra/main.bicep"
run_bicep_checked "bicep build" build infra/main.bicep --outfile "${compiled_template}"

log "bicep lint infra/main.bicep"
run_bicep_checked "bicep lint" lint infra/main.bicep

# --- main.parameters.json ---------------------------------------------------------------------
parameters_file="infra/main.parameters.json"
log "Checking ${parameters_file}"
json_ok=0
if command -v jq >/dev/null 2>&1; then
  jq -e '.parameters | type == "object"' "${parameters_file}" >/dev/null && json_ok=1
elif command -v python3 >/dev/null 2>&1; then
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if isinstance(d.get("parameters"), dict) else 1)' \
    "${parameters_file}" && json_ok=1
elif command -v node >/dev/null 2>&1; then
  node -e 'const d=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")); process.exit(d.parameters && typeof d.parameters==="object" && !Array.isArray(d.parameters) ? 0 : 1)' \
    "${parameters_file}" && json_ok=1
else
  printf 'Neither jq, python3 nor node is available to parse JSON.\n' >&2
  exit 2
fi
if ((json_ok)); then
  log "${parameters_file}: valid JSON with a parameters object"
else
  fail "${parameters_file}: not valid JSON or has no parameters object"
fi

# Convert the JSON parameters file to a .bicepparam file (in the temp dir) and build it against
# main.bicep: this rejects parameters that main.bicep does not declare and values of the wrong
# type. The ${VAR} placeholders azd substitutes are plain strings at this point.
bicepparam_file="${WORK_DIR}/main.parameters.bicepparam"
if ((json_ok)); then
  if "${BICEP}" decompile-params "${parameters_file}" --bicep-file infra/main.bicep \
    --outfile "${bicepparam_file}" >"${WORK_DIR}/decompile.log" 2>&1; then
    log "bicep build-params (main.parameters.json against main.bicep)"
    run_bicep_checked "bicep build-params" build-params "${bicepparam_file}" \
      --outfile "${WORK_DIR}/main.parameters.built.json"
  else
    cat "${WORK_DIR}/decompile.log" >&2
    fail "bicep decompile-params ${parameters_file}"
  fi
fi

# --- Contract with the application ------------------------------------------------------------
if [[ -s "${compiled_template}" ]]; then
  log "Checking app settings and resource names in the compiled template"
  # App settings the application reads: each must be a key of the appsettings resource.
  required_settings=(
    AzureWebJobsStorage__accountName
    AzureWebJobsStorage__blobServiceUri
    AzureWebJobsStorage__queueServiceUri
    AzureWebJobsStorage__tableServiceUri
    AzureWebJobsStorage__credential
    AzureWebJobsStorage__clientId
    Storage__RequestsTable
    Storage__NgosTable
    Storage__NgoCasesTable
    Storage__PoisonMessagesTable
    Queues__RequestsSubmitted
    Queues__Notifications
    Queues__TelegramUpdates
    Sla__SweepSchedule
    Routing__ResubmitSchedule
    Routing__WaitlistSweepSchedule
    Retention__Schedule
    Storage__NgoApiKeysTable
    Storage__PartnerApiKeysTable
    Storage__ConversationsTable
    Storage__RequestIndexTable
    Storage__WaitlistTable
    IntakeLimits__ForwardedForHeader
    Http__PublicBaseUrl
    Telegram__BotToken
    Telegram__WebhookSecret
    Telegram__ApiBaseUrl
    Security__AdminApiKeySha256
    Security__MinistryApiKeySha256
    Ministry__Exports__PseudonymKey
    APPLICATIONINSIGHTS_CONNECTION_STRING
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING
  )
  # Other values that must appear in the template (resource names, key properties).
  required_strings=(
    '"AzureWebJobsStorage__credential": "managedidentity"'
    '"https://api.telegram.org"'
    '"keyVaultReferenceIdentity":'
    '@Microsoft.KeyVault(SecretUri='
    '"name": "FC1"'
    '"tier": "FlexConsumption"'
    '"dotnet-isolated"'
    '"10.0"'
    "'azd-service-name'"
    '"requests-submitted"'
    '"requests-submitted-poison"'
    '"notifications"'
    '"notifications-poison"'
    '"telegram-updates"'
    '"telegram-updates-poison"'
    '"NgoApiKeys"'
    '"RequestIndex"'
    '"ServiceRequests"'
    '"Ngos"'
    '"NgoCases"'
    '"PoisonMessages"'
    '"TelegramUpdates"'
    '"Conversations"'
    '"telegram-bot-token"'
    '"telegram-webhook-secret"'
    '"admin-api-key-sha256"'
    '"ministry-api-key-sha256"'
    '"export-pseudonym-key"'
    '"allowSharedKeyAccess": false'
    '"allowBlobPublicAccess": false'
    '"minimumTlsVersion": "TLS1_2"'
    '"supportsHttpsTrafficOnly": true'
    '"enableRbacAuthorization": true'
    # The edge: Front Door Standard, WAF in Prevention mode with per-socket-address rate limits, the
    # rule set that overwrites the client address header with the socket address, and the app's
    # access restriction to this profile.
    '"Standard_AzureFrontDoor"'
    '"mode": "Prevention"'
    '"ruleType": "RateLimitRule"'
    '"variableName": "SocketAddr"'
    '"headerAction": "Overwrite"'
    '"value": "{socket_ip}"'
    "'AzureFrontDoor.Backend'"
    "'x-azure-fdid'"
  )
  missing=0
  for key in "${required_settings[@]}"; do
    if ! grep -qF -- "\"${key}\":" "${compiled_template}"; then
      fail "compiled template does not set app setting ${key}"
      missing=1
    fi
  done
  for s in "${required_strings[@]}"; do
    if ! grep -qF -- "${s}" "${compiled_template}"; then
      fail "compiled template does not contain: ${s}"
      missing=1
    fi
  done
  # Flex Consumption takes the worker runtime from functionAppConfig.runtime; the app setting
  # must not be set.
  if grep -qF 'FUNCTIONS_WORKER_RUNTIME' "${compiled_template}"; then
    fail "compiled template sets FUNCTIONS_WORKER_RUNTIME (not allowed on Flex Consumption)"
    missing=1
  fi
  # The header the app reads the client address from must be the one the edge overwrites: both come
  # from edgeClientAddressHeader in infra/shared/constants.bicep, which every module that uses it
  # inlines as a variable. Exactly one distinct value must appear.
  header_values="$(grep -oE '"edgeClientAddressHeader": "[^"]*"' "${compiled_template}" | sort -u)"
  if [[ "$(grep -c . <<<"${header_values}")" != 1 ]]; then
    fail "compiled template does not define one edgeClientAddressHeader (found: ${header_values:-none})"
    missing=1
  elif ! grep -qE '"IntakeLimits__ForwardedForHeader": "\[if\(variables\(.behindEdge.\), variables\(.edgeClientAddressHeader.\), .{2}\)\]"' \
    "${compiled_template}"; then
    fail "IntakeLimits__ForwardedForHeader is not edgeClientAddressHeader behind the edge (and empty without it)"
    missing=1
  fi
  if ((missing == 0)); then
    log "Contract checks: OK (${#required_settings[@]} app settings, ${#required_strings[@]} other values)"
  fi
fi

# --- Guarded properties (issue #18) --------------------------------------------------------------
# Each check is a jq expression over the compiled template that must be true. Modules compile to nested
# deployments (.resources.<module>.properties.template); Bicep conditions become ARM if(...) expressions,
# so "with privateNetworking on" is asserted as the exact expression that yields the private value when
# the parameter is true, together with the parameter's default and its wiring into each module.
if [[ -s "${compiled_template}" ]]; then
  log "Checking guarded properties (network, Key Vault, roles, alerts) in the compiled template"
  if ! command -v jq >/dev/null 2>&1; then
    printf 'jq is required for the guarded-property checks.\n' >&2
    exit 2
  fi
  # own(t): resources of type t the template creates (not `existing` references).
  # arg(m; p): the value main.bicep passes to parameter p of module m.
  # role(r): role assignments whose role is variables('roleIds').<r> in rbac.bicep.
  # shellcheck disable=SC2016 # jq programs, not shell expansions.
  jq_defs='
    def own(t): [.. | objects | select(.type? == t and (.existing // false) != true and has("properties"))];
    def arg(m; p): .resources[m].properties.parameters[p].value;
    def roles: [.. | objects | select(.type? == "Microsoft.Authorization/roleAssignments")];
    def role(r): roles | map(select(.properties.roleDefinitionId
      == "[subscriptionResourceId('"'"'Microsoft.Authorization/roleDefinitions'"'"', variables('"'"'roleIds'"'"').\(r))]"));
    def ifPrivate(on; off): "[if(parameters('"'"'privateNetworking'"'"'), '"'"'\(on)'"'"', '"'"'\(off)'"'"')]";
  '
  guarded_checks=(
    # Private by default.
    'privateNetworking defaults to true|.parameters.privateNetworking.defaultValue == true'
    'storage module gets privateNetworking|arg("storage"; "privateNetworking") == "[parameters('"'"'privateNetworking'"'"')]"'
    'keyvault module gets privateNetworking|arg("keyVault"; "privateNetworking") == "[parameters('"'"'privateNetworking'"'"')]"'
    'network module is deployed with privateNetworking|.resources.network.condition == "[parameters('"'"'privateNetworking'"'"')]"'
    'storage: publicNetworkAccess Disabled and defaultAction Deny with privateNetworking|own("Microsoft.Storage/storageAccounts") | length == 1 and .[0].properties.publicNetworkAccess == ifPrivate("Disabled"; "Enabled") and .[0].properties.networkAcls.defaultAction == ifPrivate("Deny"; "Allow")'
    'Key Vault: publicNetworkAccess Disabled and defaultAction Deny with privateNetworking|own("Microsoft.KeyVault/vaults") | length == 1 and .[0].properties.publicNetworkAccess == ifPrivate("Disabled"; "Enabled") and .[0].properties.networkAcls.defaultAction == ifPrivate("Deny"; "Allow")'
    'function app joins the network module'"'"'s app subnet with privateNetworking|(.resources.functionApp.properties.parameters.virtualNetworkSubnetId | tostring | test("^\\[if\\(parameters\\(.privateNetworking.\\), createObject\\(.value., reference\\(.network.\\)\\.outputs\\.appSubnetId\\.value\\)")) and (own("Microsoft.Web/sites") | length == 1 and (.[0].properties.virtualNetworkSubnetId | tostring | contains("parameters('"'"'virtualNetworkSubnetId'"'"')")))'
    'app subnet delegated to Microsoft.App/environments|own("Microsoft.Network/virtualNetworks") | length == 1 and ([.[0].properties.subnets[].properties.delegations[]?.properties.serviceName] == ["Microsoft.App/environments"])'
    'private endpoints for blob, queue, table and vault|.resources.network.properties.template | (.variables.targets | map(.groupId) | sort) == ["blob", "queue", "table", "vault"] and (.resources.endpoints.copy.count == "[length(variables('"'"'targets'"'"'))]") and (.resources.endpoints.condition == null)'
    'private DNS zones privatelink.<service>.<storage suffix> and privatelink.vaultcore, linked to the virtual network, records through zone groups|.resources.network.properties.template | (.variables.targets | all(.zone == (if .groupId == "vault" then "[format('"'"'privatelink{0}'"'"', replace(environment().suffixes.keyvaultDns, '"'"'.vault.'"'"', '"'"'.vaultcore.'"'"'))]" else "[format('"'"'privatelink.\(.groupId).{0}'"'"', environment().suffixes.storage)]" end))) and .resources.zones.copy.count == "[length(variables('"'"'targets'"'"'))]" and .resources.zoneLinks.properties.registrationEnabled == false and .resources.zoneLinks.properties.virtualNetwork.id == "[resourceId('"'"'Microsoft.Network/virtualNetworks'"'"', parameters('"'"'name'"'"'))]" and .resources.endpointDns.type == "Microsoft.Network/privateEndpoints/privateDnsZoneGroups" and (.resources.endpointDns.properties.privateDnsZoneConfigs[0].properties.privateDnsZoneId | contains("variables('"'"'targets'"'"')[copyIndex()].zone"))'
    # Key Vault.
    'Key Vault purge protection and soft delete on|own("Microsoft.KeyVault/vaults") | length == 1 and .[0].properties.enablePurgeProtection == true and .[0].properties.enableSoftDelete == true'
    # Least privilege.
    'role IDs are the built-in roles named|.resources.rbac.properties.template.variables.roleIds == {"storageBlobDataOwner": "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "storageBlobDataContributor": "ba92f5b4-2d11-453d-a403-e96b0029c9fe", "storageQueueDataContributor": "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "storageTableDataContributor": "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "keyVaultSecretsUser": "4633458b-17de-408a-b874-0445c86b69e6", "keyVaultSecretsOfficer": "b86a8fe4-44ce-4948-aee5-eccb2c155cd7", "monitoringMetricsPublisher": "3913510d-42f4-4e42-8a64-420c390055eb"}'
    'every role assignment names its role through roleIds and has a resource scope|roles | length > 0 and all(.properties.roleDefinitionId | startswith("[subscriptionResourceId('"'"'Microsoft.Authorization/roleDefinitions'"'"', variables('"'"'roleIds'"'"').")) and all(.scope | type == "string" and startswith("[resourceId('"'"'Microsoft."))'
    'no Owner, Contributor or User Access Administrator role anywhere|tostring | test("8e3af657-a8ff-443c-a75c-2fe8c4bcb635|b24988ac-6180-42e0-ab88-20f7e4a8ffb8|18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"; "i") | not'
    'Storage Blob Data Owner only on the deployment container|role("storageBlobDataOwner") | length == 1 and .[0].scope == "[resourceId('"'"'Microsoft.Storage/storageAccounts/blobServices/containers'"'"', parameters('"'"'storageAccountName'"'"'), '"'"'default'"'"', variables('"'"'deploymentContainerName'"'"'))]"'
    'Storage Blob Data Contributor only on the host containers|role("storageBlobDataContributor") | length == 1 and .[0].copy != null and (.[0].scope | startswith("[resourceId('"'"'Microsoft.Storage/storageAccounts/blobServices/containers'"'"', parameters('"'"'storageAccountName'"'"'), '"'"'default'"'"', items(variables('"'"'hostContainerNames'"'"'))"))'
    'queue and table data roles on the storage account|[role("storageQueueDataContributor"), role("storageTableDataContributor")] | all(length == 1 and .[0].scope == "[resourceId('"'"'Microsoft.Storage/storageAccounts'"'"', parameters('"'"'storageAccountName'"'"'))]")'
    'Key Vault Secrets User on the vault|role("keyVaultSecretsUser") | length == 1 and .[0].scope == "[resourceId('"'"'Microsoft.KeyVault/vaults'"'"', parameters('"'"'keyVaultName'"'"'))]"'
    # Alerts as code.
    'alerts module deployed, its action group e-mails alertEmail|.resources.alerts.condition == null and arg("alerts"; "alertEmail") == "[parameters('"'"'alertEmail'"'"')]" and (own("Microsoft.Insights/actionGroups") | length == 1 and .[0].properties.enabled == true and (.[0].properties.emailReceivers | tostring | contains("'"'"'emailAddress'"'"', parameters('"'"'alertEmail'"'"')")))'
    'log alerts on Application Insights: poison messages, needs attention / SLA, HTTP 5xx, Bot API failures|.resources.alerts.properties.template | (.variables.logAlerts | map(.name) | sort) == ["bot-api-failures", "http-5xx", "needs-attention", "poison-messages"] and (.variables.logAlerts | all(.query | length > 0)) and .resources.logAlertRules.type == "Microsoft.Insights/scheduledQueryRules" and .resources.logAlertRules.condition == null and .resources.logAlertRules.copy.count == "[length(variables('"'"'logAlerts'"'"'))]" and .resources.logAlertRules.properties.enabled == true and .resources.logAlertRules.properties.scopes == ["[resourceId('"'"'Microsoft.Insights/components'"'"', parameters('"'"'applicationInsightsName'"'"'))]"] and .resources.logAlertRules.properties.actions.actionGroups == ["[resourceId('"'"'Microsoft.Insights/actionGroups'"'"', parameters('"'"'namePrefix'"'"'))]"]'
    'log alert queries match what they guard|.resources.alerts.properties.template.variables.logAlerts | map({(.name): .query}) | add | (.["poison-messages"] | contains("-poison") and contains("MaxDequeueCount")) and (.["needs-attention"] | contains("NeedsAttention") and contains("Waitlisted past its 24-hour response target")) and (.["http-5xx"] | startswith("requests") and contains(">= 500")) and (.["bot-api-failures"] | contains("Bot API unreachable") and contains("Bot API refused"))'
    'metric alerts on the storage account: queue backlog and refused calls|own("Microsoft.Insights/metricAlerts") | length == 2 and (map(.properties.criteria.allOf[0].metricName) | sort) == ["QueueMessageCount", "Transactions"] and all(.properties.enabled == true and (.properties.scopes[0] | startswith("[resourceId('"'"'Microsoft.Storage/storageAccounts")) and .properties.actions == [{"actionGroupId": "[resourceId('"'"'Microsoft.Insights/actionGroups'"'"', parameters('"'"'namePrefix'"'"'))]"}])'
  )
  # The log alerts match the text of the app's log messages: each entry is
  # <source file>|<text of its LoggerMessage template>|<text the query in alerts.bicep matches>, so that
  # rewording a message without its query fails here instead of silencing an alert.
  alert_log_texts=(
    'src/NgoFunctions.Core/Poison/AttentionFlag.cs|Message = "{RequestId}: {Change} ({PoisonQueue})"|: NeedsAttention \('
    'src/NgoFunctions.Core/Poison/PoisonMessageHandler.cs|Message = "Unreadable poison message from {PoisonQueue}|message startswith "Unreadable poison message from "'
    'src/NgoFunctions.Core/Poison/PoisonMessageHandler.cs|Message = "A Telegram update failed every try; its ids are kept from {PoisonQueue}"|message startswith "A Telegram update failed every try; its ids are kept from "'
    'src/NgoFunctions.Core/Routing/WaitlistSweeper.cs|Waitlisted past its 24-hour response target: flagged for the ministry"|message has "Waitlisted past its 24-hour response target"'
    'src/NgoFunctions.Core/NgoActions/AssignmentRerouter.cs|Message = "{RequestId}: assignment {Attempt} at {NgoId} {Outcome}; request now {Status}"|: assignment \d+ at .+; request now Unroutable$'
    'src/NgoFunctions.Core/Routing/StaleRequestResubmitter.cs|s: queued for routing again (time {Resubmissions})"|queued for routing again \(time (\d+)\)'
    'src/NgoFunctions.Core/Telegram/BotReplySender.cs|Message = "Bot API unreachable sending to chat {Chat}|message startswith "Bot API unreachable sending to chat "'
    'src/NgoFunctions.Core/Telegram/BotReplySender.cs|Message = "Bot API refused reply {Index}|message startswith "Bot API refused reply "'
    'src/NgoFunctions.Core/Telegram/Groups/NgoGroupAdmins.cs|Message = "Could not ask the Bot API who administers group {ChatId}|message startswith "Could not ask the Bot API who administers group "'
    'src/NgoFunctions.Core/Telegram/ChatOutbox.cs|Message = "Telegram:BotToken is not configured: {Count}|message startswith "Telegram:BotToken is not configured: "'
  )
  for entry in "${alert_log_texts[@]}"; do
    IFS='|' read -r source_file code_text query_text <<<"${entry}"
    if ! grep -qF -- "${code_text}" "${source_file}" 2>/dev/null; then
      fail "alert log text: ${source_file} no longer logs ${code_text} (update its query in infra/modules/alerts.bicep)"
    elif ! grep -qF -- "${query_text}" infra/modules/alerts.bicep; then
      fail "alert log text: infra/modules/alerts.bicep no longer matches ${query_text} (${source_file})"
    fi
  done

  guarded_failed=0
  for entry in "${guarded_checks[@]}"; do
    label="${entry%%|*}"
    filter="${entry#*|}"
    if ! result="$(jq -e "${jq_defs} ${filter}" "${compiled_template}" 2>&1)"; then
      fail "guarded property: ${label} (jq: ${result})"
      guarded_failed=1
    fi
  done
  if ((guarded_failed == 0)); then
    log "Guarded properties: OK (${#guarded_checks[@]} checks)"
  fi
fi

if ((failures > 0)); then
  printf '\nvalidate-infra: FAILED (%d problem(s))\n' "${failures}" >&2
  exit 1
fi
printf '\nvalidate-infra: OK\n'
