#!/usr/bin/env bash
# Packs the two packages with a version of their own, then
#  1. builds and runs a consumer project that references the *packages* (from a local folder added to the machine's
#     sources at restore time, warnings as errors, so an NU1603 fails it) and lists modules on the fake cluster;
#  2. runs a .NET 10 file-based app (file-based/app.cs: AOT on by default, reflection-based JSON off) that builds a
#     package, uploads it to the fake cluster, and leaves no temporary folder behind once it has exited;
#  3. runs the file-based samples of samples/scripts/ the same way, against their simulated clusters;
#  4. installs the packed tool with `dotnet tool install --tool-path` and runs redis-modules against --simulate, checking
#     its output and exit codes.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version="0.1.0-smoke.$(date +%s)"

dotnet pack "$root/src/RedisEnterprise.Modules" -c Release -o "$work/packages" -p:Version="$version" --nologo -v quiet
dotnet pack "$root/src/RedisEnterprise.Modules.Testing" -c Release -o "$work/packages" -p:Version="$version" --nologo -v quiet
dotnet pack "$root/src/RedisEnterprise.Modules.Cli" -c Release -o "$work/packages" -p:Version="$version" --nologo -v quiet
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

for script in "$root"/samples/scripts/*.cs; do
  name=$(basename "$script" .cs)
  mkdir "$work/$name"
  cp "$work/file-based/nuget.config" "$work/$name/"
  sed "s/^\(#:package RedisEnterprise\.Modules[A-Za-z.]*\)@.*/\1@$version/" "$script" > "$work/$name/$name.cs"
  (cd "$work/$name" && env -u REDIS_ENTERPRISE_ENDPOINT timeout 300 dotnet run "$name.cs") | tee "$work/$name.log"
done
grep -q "ReJSON" "$work/list-modules.log" || { echo "list-modules.cs did not list ReJSON" >&2; exit 1; }
grep -q "^Installed scripted 1.0.0" "$work/upload-module.log" || { echo "upload-module.cs did not install its package" >&2; exit 1; }
grep -q "^Final status: action .* completed" "$work/follow-action.log" || { echo "follow-action.cs did not follow its action to completed" >&2; exit 1; }
echo "the file-based samples ran against the simulated clusters"

dotnet tool install RedisEnterprise.Modules.Cli --tool-path "$work/tools" --version "$version" --add-source "$work/packages" >/dev/null
tool="$work/tools/redis-modules"
"$tool" --simulate list --output json > "$work/list.json"
grep -q '"module_name": "ReJSON"' "$work/list.json" || { echo "redis-modules --simulate list printed no ReJSON" >&2; cat "$work/list.json" >&2; exit 1; }
"$tool" --simulate nodes
# A package to install: the smallest one the checks accept (module.json and its module file, whose sha256 it names).
python3 - "$work/smoke-tool.zip" <<'PY'
import hashlib, json, sys, zipfile
payload = b"\x7fELF smoke module"
manifest = {"module_name": "smoketool", "display_name": "smoketool", "semantic_version": "1.0.0", "version": 10000,
            "module_file": "smoketool.so", "architecture": "x86_64", "os": "Linux", "os_list": ["rhel9"],
            "capabilities": ["types"], "min_redis_version": "6.0.0", "min_redis_pack_version": "6.0.0",
            "sha256": hashlib.sha256(payload).hexdigest(), "dependencies": {}, "commands": [], "ramp_format_version": 1}
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("module.json", json.dumps(manifest))
    z.writestr("smoketool.so", payload)
PY
"$tool" validate "$work/smoke-tool.zip"
"$tool" --simulate check "$work/smoke-tool.zip"
"$tool" --simulate install "$work/smoke-tool.zip" --output json > "$work/install.json"
grep -q '"module_name": "smoketool"' "$work/install.json" || { echo "redis-modules --simulate install did not install the package" >&2; cat "$work/install.json" >&2; exit 1; }
"$tool" --simulate upgrade-db 1 --module ReJSON@2.8.4 --dry-run --output json > "$work/upgrade.json"
grep -q '"dry_run": true' "$work/upgrade.json" || { echo "redis-modules --simulate upgrade-db --dry-run printed no preview" >&2; cat "$work/upgrade.json" >&2; exit 1; }
set +e
env -u REDIS_ENTERPRISE_ENDPOINT "$tool" list 2> "$work/usage.txt"
usage=$?
"$tool" --simulate get "nothing@1.0" 2> "$work/missing.txt"
missing=$?
set -e
[ "$usage" -eq 2 ] || { echo "redis-modules list without an endpoint exited $usage, not 2" >&2; exit 1; }
[ "$missing" -eq 1 ] || { echo "redis-modules get of a missing module exited $missing, not 1" >&2; exit 1; }
echo "the packed redis-modules tool installed with dotnet tool install and ran: list, nodes, validate, check, install, upgrade-db --dry-run, exit codes 2 and 1"
