#!/usr/bin/env bash
# Makes the packages of this folder the way real tools make them: Python's zipfile (the RedisModule Packer's library) and
# Info-ZIP's zip. Run it here to remake them; the tests only read the zips.
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
here=$(pwd)
cd "$work"
python3 - "$here" <<'PY'
import hashlib, io, json, os, random, sys, zipfile
random.seed(1)
so = bytes(random.getrandbits(8) for _ in range(8192)) + bytes(8192)
meta = {"module_name": "search", "module_file": "redisearch.so", "version": 20807, "semantic_version": "2.8.7",
        "architecture": "x86_64", "os": "Linux", "sha256": hashlib.sha256(so).hexdigest()}
open("module.json", "w").write(json.dumps(meta))
open("redisearch.so", "wb").write(so)
os.makedirs("deps", exist_ok=True)
open("deps/gears.tgz", "wb").write(b"x" * 1000)

class Pipe(io.RawIOBase):  # not seekable: zipfile writes data descriptors
    def __init__(self): self.buffer = io.BytesIO()
    def writable(self): return True
    def write(self, data): return self.buffer.write(data)
    def seekable(self): return False
    def tell(self): raise OSError()

def build(name, method, zip64=False, pipe=False):
    out = Pipe() if pipe else io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as z:
        z.writestr("module.json", json.dumps(meta))
        info = zipfile.ZipInfo("redisearch.so")
        info.compress_type = method
        info.external_attr = 0o100755 << 16
        with z.open(info, "w", force_zip64=zip64) as f:
            f.write(so)
        z.write("deps", "deps/")
        z.write("deps/gears.tgz")
    open(os.path.join(sys.argv[1], name), "wb").write((out.buffer if pipe else out).getvalue())

build("python-deflated.zip", zipfile.ZIP_DEFLATED)
build("python-stored.zip", zipfile.ZIP_STORED)
build("python-zip64.zip", zipfile.ZIP_DEFLATED, zip64=True)
build("python-data-descriptors.zip", zipfile.ZIP_DEFLATED, pipe=True)
PY
zip -q -r "$here/infozip.zip" module.json redisearch.so deps
zip -q -fz -r "$here/infozip-zip64.zip" module.json redisearch.so deps
rm redisearch.so
ln -s /etc/passwd redisearch.so
zip -q -y "$here/infozip-symlink.zip" module.json redisearch.so
