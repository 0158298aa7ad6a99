#!/usr/bin/env bash
# Adds (or regenerates) the EF Core migration NAME for both providers, SQLite and PostgreSQL.
#
#   scripts/add-migration.sh NAME
#
# Re-running with the same NAME replaces that migration, provided it is the latest one of its provider:
# after changing an entity, `scripts/add-migration.sh Initial` regenerates the initial migrations while
# Initial is still the only one. Nothing connects to a database; dotnet-ef uses the design-time factories
# in src/WorkflowHub.Server/Data/DesignTimeFactories.cs.
set -euo pipefail

if [[ $# -ne 1 || ! $1 =~ ^[A-Z][A-Za-z0-9]*$ ]]; then
  echo "usage: $0 NAME   (PascalCase, e.g. Initial or AddTaskComments)" >&2
  exit 2
fi
name=$1

cd "$(dirname "$0")/.."
project=src/WorkflowHub.Server
providers=(Sqlite Postgres)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet tool restore >/dev/null

ef() {
  dotnet tool run dotnet-ef -- "$@" --project "$project"
}

# The migration classes of a provider, oldest first (the Designer and snapshot files excluded).
migrations_of() {
  find "$project/Data/Migrations/$1" -maxdepth 1 -name '[0-9]*_*.cs' ! -name '*.Designer.cs' 2>/dev/null | sort
}

dotnet build "$project" -nologo -v quiet

for provider in "${providers[@]}"; do
  existing=$(migrations_of "$provider" | grep -E "/[0-9]+_${name}\.cs$" || true)
  [[ -z $existing ]] && continue
  latest=$(migrations_of "$provider" | tail -n 1)
  if [[ $existing != "$latest" ]]; then
    echo "$provider: $name is not the latest migration ($(basename "$latest") is); remove the later ones first." >&2
    exit 1
  fi
  if [[ $(migrations_of "$provider" | wc -l) -eq 1 ]]; then
    echo "$provider: deleting $name, the only migration, and its snapshot"
    rm -f "$project/Data/Migrations/$provider/"*.cs
  else
    echo "$provider: removing $name"
    # --force: skip the check against a live database (there is none at design time).
    ef migrations remove --context "${provider}HubDbContext" --force --no-build
  fi
done

# Rebuild so dotnet-ef sees the snapshots as they are now, not as they were before the removals.
dotnet build "$project" -nologo -v quiet

for provider in "${providers[@]}"; do
  echo "$provider: adding $name"
  ef migrations add "$name" --context "${provider}HubDbContext" --output-dir "Data/Migrations/$provider" --no-build
done

dotnet build "$project" -nologo -v quiet
echo "Done: $name for ${providers[*]} in $project/Data/Migrations. Commit the generated files."
