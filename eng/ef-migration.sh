#!/usr/bin/env bash
# Adds an EF Core migration to a service: eng/ef-migration.sh Facilities AddSchools
# The tool only builds the model, so the connection strings need not point at a live server.
set -euo pipefail
service=${1:?usage: ef-migration.sh <Service> <MigrationName>}
name=${2:?usage: ef-migration.sh <Service> <MigrationName>}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
env "ConnectionStrings__funding-db=Host=127.0.0.1" "ConnectionStrings__facilities-db=Host=127.0.0.1" \
    "ConnectionStrings__staffing-db=Host=127.0.0.1" "ConnectionStrings__welfare-db=Host=127.0.0.1" \
    "ConnectionStrings__inspection-db=Host=127.0.0.1" "ConnectionStrings__rabbitmq=amqp://127.0.0.1" \
    "ConnectionStrings__redis=127.0.0.1" "Identity__Authority=http://127.0.0.1" \
    dotnet ef migrations add "$name" --project "services/$service" --output-dir Infrastructure/Migrations
