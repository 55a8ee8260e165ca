#!/usr/bin/env bash
# Publishes the AOT smoke test as a native linux-x64 executable (zero trim/AOT warnings, or the publish fails), starts
# the simulated cluster in its own process (RedisEnterprise.Modules.AotSmoke.FakeHost, on the JIT, so the native
# program holds the SDK alone), and runs the native program against it: list, validate, upload, poll, get, 404, delete.
#   bash tests/RedisEnterprise.Modules.AotSmoke/run-aot-smoke.sh
# Needs clang (or gcc) and zlib for the native link (Debian: apt-get install clang zlib1g-dev).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
rid=${RID:-linux-x64}

dotnet publish "$root/tests/RedisEnterprise.Modules.AotSmoke/RedisEnterprise.Modules.AotSmoke.csproj" -c Release -r "$rid" -nologo
dotnet build "$root/tests/RedisEnterprise.Modules.AotSmoke.FakeHost/RedisEnterprise.Modules.AotSmoke.FakeHost.csproj" -c Release -nologo -v quiet
native="$root/tests/RedisEnterprise.Modules.AotSmoke/bin/Release/net10.0/$rid/publish/RedisEnterprise.Modules.AotSmoke"

# Once per line of Redis Software: 7.22 (one upload to the cluster, followed by its action) and 8.2 (user-defined modules,
# the package uploaded to each of 3 nodes at its own address).
for version in 7.22.2-170 8.2.0-25; do
  work=$(mktemp -d)
  mkfifo "$work/stdin"
  host_pid=""
  cleanup() {
    exec 3>&- 2>/dev/null || true # closing the host's standard input stops it
    if [ -n "$host_pid" ]; then
      for _ in $(seq 1 50); do kill -0 "$host_pid" 2>/dev/null || break; sleep 0.1; done
      kill "$host_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
  }
  trap cleanup EXIT

  AOT_SMOKE_SOFTWARE_VERSION="$version" dotnet "$root/tests/RedisEnterprise.Modules.AotSmoke.FakeHost/bin/Release/net10.0/RedisEnterprise.Modules.AotSmoke.FakeHost.dll" < "$work/stdin" > "$work/host.log" 2>&1 &
  host_pid=$!
  exec 3> "$work/stdin"
  for _ in $(seq 1 200); do
    grep -q "REDIS_ENTERPRISE_CERT_SHA256=" "$work/host.log" && break
    kill -0 "$host_pid" 2>/dev/null || { cat "$work/host.log" >&2; exit 1; }
    sleep 0.1
  done
  grep -q "REDIS_ENTERPRISE_CERT_SHA256=" "$work/host.log" || { echo "the simulated cluster did not start" >&2; cat "$work/host.log" >&2; exit 1; }

  env $(grep "^REDIS_ENTERPRISE_" "$work/host.log" | tr '\n' ' ') "$native"
  cleanup
  trap - EXIT
done
