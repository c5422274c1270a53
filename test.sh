#!/usr/bin/env bash
# Runs every test with the real parts they need: see README.md ("Tests").
set -euo pipefail
cd "$(dirname "$0")"

dotnet test BlogShop.sln -c Release --logger "console;verbosity=normal"
