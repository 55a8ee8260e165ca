#!/usr/bin/env bash
# Packs the two packages with a version of their own, then builds and runs a consumer that references the
# *packages* (from a local folder added to the machine's sources at restore time) and lists modules on the fake cluster.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version="0.1.0-smoke.$(date +%s)"

dotnet pack "$root/src/RedisEnterprise.Modules" -c Release -o "$work/packages" -p:Version="$version" --nologo -v quiet
dotnet pack "$root/src/RedisEnterprise.Modules.Testing" -c Release -o "$work/packages" -p:Version="$version" --nologo -v quiet
ls "$work/packages"

cp -r "$root/tests/package-smoke/consumer" "$work/consumer"
cd "$work/consumer"
dotnet run -c Release -p:SmokeVersion="$version" -p:RestoreAdditionalProjectSources="$work/packages" --nologo
