#!/bin/bash
# Starts one built server (the folder holding WorkflowHub.Server.dll) on a loopback port with the settings the
# harness gives its nodes (tests/WorkflowHub.Testing/ServerNode.cs), its SQLite file and keys in <folder>.
# usage: serve.sh <bin dir> <port> <folder>   (the harness's node settings)
bin=$1; port=$2; folder=$3; mkdir -p $folder
export ASPNETCORE_URLS=http://127.0.0.1:$port ASPNETCORE_ENVIRONMENT=Production
export WORKFLOWHUB__Database__Provider=Sqlite WORKFLOWHUB__Database__ConnectionString="Data Source=$folder/hub.db"
export WORKFLOWHUB__Bootstrap__AdminPassword='Harness-Admin-Pw-1!' WORKFLOWHUB__Server__DataProtectionKeysPath=$folder/keys
export WORKFLOWHUB__Mail__PickupDirectory=$folder/mail WORKFLOWHUB__RateLimiting__Api__PermitLimit=0 WORKFLOWHUB__RateLimiting__Hooks__PermitLimit=0
export WORKFLOWHUB__Logging__LogLevel__Default=Warning WORKFLOWHUB__Flows__DeployOnStart=false WORKFLOWHUB__Flows__CreateIntakeWebhooks=false WORKFLOWHUB__Demo__SeedOnFirstStart=false
export WORKFLOWHUB__Engine__JobExecutor__NodeId=manual
cd $bin && exec dotnet WorkflowHub.Server.dll
