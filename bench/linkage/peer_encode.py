#!/usr/bin/env python3
"""Peer benchmark: encode a CSV of person records into CLKs with clkhash, on ONE core.

What it measures
    clkhash 0.18.3's encoding speed (records per second) in a single process:
    `clkhash.clk.generate_clk_from_csv(..., max_workers=1)` runs the hashing
    loop in this process (no multiprocessing pool, no threads). Data
    validation against the schema stays on, as in clkhash's defaults.
    The timed span covers reading the CSV, key derivation (HKDF), validation
    and hashing; it excludes importing clkhash, parsing the schema and writing
    the JSON output (use /usr/bin/time -v for the whole process).

Output
    OUTPUT.json in clkhash's own format: {"clks": ["<base64>", ...]}, written
    with json.dump's default separators and no trailing newline, which is how
    the reference files febrl4_{a,b}_clks_*.json are laid out, so the result can
    be compared byte for byte (`cmp`).
    stderr: one line of JSON, e.g.
    {"records": 5000, "seconds": 0.7, "records_per_second": 7100.0}

Secret
    SECRET_FILE holds the secret as UTF-8 text; one trailing newline (LF or
    CRLF), if present, is removed. `printf secret > secret.txt` writes the
    secret used for the FEBRL4 reference CLKs.

Run (inside the peer venv, see README.md)
    /tmp/pprl/bin/python peer_encode.py SCHEMA.json SECRET_FILE INPUT.csv OUTPUT.json
"""
import json
import sys
import time

from clkhash import clk, schema as clk_schema
from clkhash.serialization import serialize_bitarray


def read_secret(path):
    with open(path, "rb") as f:
        raw = f.read()
    if raw.endswith(b"\r\n"):
        raw = raw[:-2]
    elif raw.endswith(b"\n"):
        raw = raw[:-1]
    return raw.decode("utf-8")


def main(argv):
    if len(argv) != 5:
        sys.exit(__doc__)
    schema_path, secret_path, input_path, output_path = argv[1:]
    with open(schema_path) as f:
        schema = clk_schema.from_json_file(f)
    secret = read_secret(secret_path)

    with open(input_path, newline="") as f:
        start = time.perf_counter()
        clks = clk.generate_clk_from_csv(
            f, secret, schema, validate=True, header=True,
            progress_bar=False, max_workers=1)
        seconds = time.perf_counter() - start

    with open(output_path, "w") as out:
        json.dump({"clks": [serialize_bitarray(c) for c in clks]}, out)

    n = len(clks)
    print(json.dumps({"records": n, "seconds": round(seconds, 4),
                      "records_per_second": round(n / seconds, 1)}),
          file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
