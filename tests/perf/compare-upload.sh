#!/usr/bin/env bash
# Uploads the same generated file to a loopback HTTPS sink with (a) curl and (b) Python requests, exactly as the
# reference page's examples do, and (c) the SDK (tests/perf/UploadCli, UploadModuleV1Async), and prints the wall time
# and peak RSS of each (GNU time -v), one row each, as a Markdown table. Then (d) a real package of the same bytes as its
# .so, stored and deflated: a hand-written HttpClient upload against the SDK's default path (the package checked as it is sent).
#
#   bash tests/perf/compare-upload.sh            # 1 GiB file
#   SIZE_MIB=256 bash tests/perf/compare-upload.sh
#
# Needs: dotnet, curl, openssl, python3 with requests (Debian: python3-requests), GNU time (Debian: time).
# The sink (tests/perf/UploadSink, hosting tests/Shared/LoopbackCluster.cs) listens on 127.0.0.1 only, with a self-signed certificate made here;
# everything generated goes to a temporary folder that is deleted at the end.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
size_mib=${SIZE_MIB:-1024}
user="admin@example.com"
password="perf-password"

for tool in dotnet curl openssl python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 2; }
done

work=$(mktemp -d)
sink_pid=""
cleanup() {
  if [ -n "$sink_pid" ]; then kill "$sink_pid" 2>/dev/null || true; wait "$sink_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "building the sink and the SDK uploader..." >&2
dotnet build "$root/tests/perf/UploadSink/UploadSink.csproj" -c Release -v quiet -nologo >&2
dotnet build "$root/tests/perf/UploadCli/UploadCli.csproj" -c Release -v quiet -nologo >&2
sink_dll="$root/tests/perf/UploadSink/bin/Release/net10.0/UploadSink.dll"
cli_dll="$root/tests/perf/UploadCli/bin/Release/net10.0/UploadCli.dll"

echo "making a self-signed certificate and a ${size_mib} MiB file..." >&2
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
file="$work/bench.Linux-ubuntu18.04-x86_64.1.0.0.zip"
head -c "$((size_mib * 1024 * 1024))" /dev/urandom > "$file"

dotnet "$sink_dll" "$work/cert.pem" "$work/key.pem" > "$work/sink.log" 2>&1 &
sink_pid=$!
for _ in $(seq 1 100); do
  grep -q "listening on" "$work/sink.log" && break
  kill -0 "$sink_pid" 2>/dev/null || { cat "$work/sink.log" >&2; exit 1; }
  sleep 0.1
done
url=$(grep -o "https://127.0.0.1:[0-9]*" "$work/sink.log" | head -n 1)
[ -n "$url" ] || { echo "the sink did not start" >&2; cat "$work/sink.log" >&2; exit 1; }
echo "sink at $url" >&2

# (b) as the reference page shows it, with the placeholders filled in.
cat > "$work/upload.py" <<PY
import requests
import urllib3
urllib3.disable_warnings()  # verify=False, as on the reference page; the warning itself is noise here
url = "$url/v1/modules"
files=[
    ('module',
        ('$(basename "$file")',
        open('$file','rb'),
        'application/zip')
    )
]
auth=("$user", "$password")
response = requests.request("POST", url,
                            auth=auth, files=files, verify=False)
response.raise_for_status()
print(response.text)
PY

# Runs one client under GNU time; prints "seconds kib" (wall time, peak RSS).
measure() {
  local name=$1; shift
  local stats="$work/$name.time"
  if ! /usr/bin/time -v -o "$stats" "$@" > "$work/$name.out" 2>&1; then
    echo "$name failed:" >&2; cat "$work/$name.out" >&2; return 1
  fi
  local wall rss
  wall=$(grep "Elapsed (wall clock)" "$stats" | awk '{print $NF}' | awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
  rss=$(grep "Maximum resident set size" "$stats" | awk '{print $NF}')
  echo "$wall $rss"
}

# Reads the sink's log line for the last upload, to show every client's body really arrived whole.
last_upload() { tail -n 1 "$work/sink.log"; }

python3 -c "import requests" 2>/dev/null && have_requests=1 || have_requests=0

rows=()
row() { # name, "seconds kib", note
  local wall=${2% *} rss=${2#* }
  local mbs
  mbs=$(awk -v s="$wall" -v b="$((size_mib * 1024 * 1024))" 'BEGIN { printf "%.0f MB/s", (s > 0 ? b / s / 1e6 : 0) }')
  [ "$3" = "-" ] && mbs="-"
  rows+=("$(printf '| %s | %.2f s | %s | %s MiB | %s |' "$1" "$wall" "$mbs" "$((rss / 1024))" "$3")")
}

echo "(a) curl..." >&2
result=$(measure curl curl -sS -k -u "$user:$password" -X POST -F "module=@$file" "$url/v1/modules")
row 'curl `-k -u … -X POST -F "module=@file"`' "$result" "$(last_upload)"

if [ "$have_requests" = 1 ]; then
  echo "(b) Python requests..." >&2
  result=$(measure requests python3 "$work/upload.py")
  row 'Python requests `files=` (reference page)' "$result" "$(last_upload)"
else
  rows+=("| Python requests | not run: \`import requests\` failed (Debian: apt-get install python3-requests) | | | |")
fi

echo "(c) SDK..." >&2
result=$(measure sdk dotnet "$cli_dll" "$url" "$user" "$password" "$file")
row 'SDK `UploadModuleV1Async` (tests/perf/UploadCli)' "$result" "$(last_upload)"
idle=$(measure sdk-idle dotnet "$cli_dll" "$url" "$user" "$password" "$file" --idle)
row 'SDK process at rest (same tool, `--idle`: no upload)' "$idle" "-"

echo "(d) packages: raw HttpClient against the SDK's validated default path..." >&2
cat > "$work/package.py" <<'PY'
import hashlib, json, sys, zipfile
so, out, method = sys.argv[1], sys.argv[2], sys.argv[3]
digest = hashlib.sha256()
with open(so, 'rb') as f:
    for block in iter(lambda: f.read(1 << 20), b''):
        digest.update(block)
meta = {"module_name": "bench", "display_name": "Bench", "module_file": "bench.so", "semantic_version": "1.0.0", "version": 10000,
        "author": "bench", "email": "bench@example.com", "description": "perf package", "homepage": "https://example.com",
        "license": "MIT", "architecture": "x86_64", "os": "Linux", "os_list": ["ubuntu18.04"], "capabilities": [],
        "command_line_args": "", "min_redis_version": "6.0.0", "min_redis_pack_version": "6.0.0", "compatible_redis_version": "",
        "sha256": digest.hexdigest(), "dependencies": {}, "commands": [], "ramp_format_version": 1}
compression = zipfile.ZIP_STORED if method == "stored" else zipfile.ZIP_DEFLATED
with zipfile.ZipFile(out, 'w', compression=compression, compresslevel=None if method == "stored" else 1) as z:
    z.writestr("module.json", json.dumps(meta))
    z.write(so, "bench.so")
PY
for method in stored deflated; do
  package="$work/bench-$method.Linux-ubuntu18.04-x86_64.1.0.0.zip"
  python3 "$work/package.py" "$file" "$package" "$method"
  package_mib=$(( $(stat -c %s "$package") / 1024 / 1024 ))
  result=$(measure "raw-$method" dotnet "$cli_dll" "$url" "$user" "$password" "$package" --raw "$work/cert.pem")
  row "HttpClient + StreamContent, $method .so ($package_mib MiB zip)" "$result" "$(last_upload)"
  result=$(measure "sdk-$method" dotnet "$cli_dll" "$url" "$user" "$password" "$package" --validate)
  row "SDK default path (validated as sent), $method .so ($package_mib MiB zip)" "$result" "$(last_upload)"
  rm -f "$package"
done

cpu=$(grep -m1 "model name" /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
echo
echo "${size_mib} MiB file, HTTPS on 127.0.0.1 (loopback sink, self-signed certificate, body discarded); $(nproc) cores, ${cpu}; load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%d)"
echo
echo "| client | wall time | throughput | peak RSS | what the sink received |"
echo "|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
