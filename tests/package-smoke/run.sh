#!/usr/bin/env bash
# Packs the two packages with a version of their own, then
#  1. builds and runs a consumer project that references the *packages* (from a local folder added to the machine's
#     sources at restore time, warnings as errors, so an NU1603 fails it) and lists modules on the fake cluster;
#  2. runs a .NET 10 file-based app (file-based/app.cs: AOT on by default, reflection-based JSON off) that builds a
#     package, uploads it to the fake cluster, and leaves no temporary folder behind once it has exited.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version="0.1.0-smoke.$(date +%s)"

dotnet pack "$root/src/RedisEnterprise.Modules" -c Release -o "$work/packages" -p:Version="$version" --nologo -v quiet
dotnet pack "$root/src/RedisEnterprise.Modules.Testing" -c Release -o "$work/packages" -p:Version="$version" --nologo -v quiet
ls "$work/packages"

cp -r "$root/tests/package-smoke/consumer" "$work/consumer"
(cd "$work/consumer" && dotnet run -c Release -p:SmokeVersion="$version" -p:RestoreAdditionalProjectSources="$work/packages" --nologo)
echo "the consumer restored $(sed -n '/^  "libraries": {/,/^  },/p' "$work/consumer/obj/project.assets.json" | grep -c '"type": "package"') packages"

mkdir "$work/file-based"
sed "s/SMOKE_VERSION/$version/" "$root/tests/package-smoke/file-based/app.cs" > "$work/file-based/app.cs"
cat > "$work/file-based/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="smoke" value="$work/packages" />
  </packageSources>
</configuration>
CONFIG
(cd "$work/file-based" && dotnet run app.cs) | tee "$work/file-based.log"
temp_directory=$(sed -n 's/^TEMP_PACKAGE_DIRECTORY=//p' "$work/file-based.log")
[ -n "$temp_directory" ] || { echo "the file-based app did not finish" >&2; exit 1; }
if [ -e "$temp_directory" ]; then echo "the file-based app left $temp_directory behind" >&2; exit 1; fi
echo "the file-based app built and uploaded a package and left no temporary folder behind"
