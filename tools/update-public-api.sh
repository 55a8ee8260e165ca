#!/usr/bin/env bash
# Writes every public API symbol the analyzers report as undeclared (RS0016) into PublicAPI.Unshipped.txt,
# and drops the ones reported as removed (RS0017). Review the diff: it is the API change.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
for project in "$root/src/RedisEnterprise.Modules" "$root/src/RedisEnterprise.Modules.Testing"; do
  touch "$project/PublicAPI.Shipped.txt" "$project/PublicAPI.Unshipped.txt"
  [ -s "$project/PublicAPI.Shipped.txt" ] || printf '#nullable enable\n' > "$project/PublicAPI.Shipped.txt"
  csproj=$(basename "$project").csproj
  # Only this project's diagnostics: building it with --no-incremental rebuilds the projects it references too.
  dotnet build "$project" -c Release --no-incremental -p:TreatWarningsAsErrors=false -p:WarningsAsErrors= 2>&1 \
    | grep -E "RS001[67].*/$csproj" \
    | python3 -c '
import re, sys
path = sys.argv[1]
log = sys.stdin.read()
lines = set(l for l in open(path).read().splitlines() if l and not l.startswith("#"))
for m in re.finditer(r"RS0016: Symbol \x27(.+?)\x27 is not part of the declared public API", log):
    lines.add(m.group(1))
for m in re.finditer(r"RS0017: Symbol \x27(.+?)\x27 is part of the declared API, but is either not public or could not be found", log):
    lines.discard(m.group(1))
open(path, "w").write("#nullable enable\n" + "".join(l + "\n" for l in sorted(lines)))
' "$project/PublicAPI.Unshipped.txt" || true
done
