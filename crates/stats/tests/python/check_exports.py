#!/usr/bin/env python3
"""Reads the exports that `tests/exports.rs` writes with third-party readers, and compares them with the
`expected.json` it writes beside them.

Usage: check_exports.py DIR

- every DIR/*.json but expected.json: validated with `jsonstat_validator.validate_jsonstat` (JSON-stat 2.0),
  then every observation looked up by its row-major index, computed here from the file's own `id`, `size`
  and category indexes;
- every SDMX-CSV file: its structure message read with `sdmx1` (module `sdmx`), then the file itself.
  sdmx1 reads SDMX-CSV 2.0.0 only ("sdmx does not currently support reading SDMX-CSV 1.0", its
  doc/implementation.rst), so the SDMX-CSV 1.0 file is checked as written (header, DATAFLOW column) and then
  handed to sdmx1's 2.0.0 reader with the one change the two versions differ by for data: the `DATAFLOW`
  column becomes `STRUCTURE` (`dataflow`), `STRUCTURE_ID` (the same reference) and `ACTION` (`I`,
  information; optional in the standard, but sdmx1 2.28 fails without it). Every other column and cell goes
  through unchanged. sdmx1 does not check codes against codelists, so this script does, with the codelists
  sdmx1 read from the structure;
- with SDMX_SCHEMAS set to a folder holding the SDMX-ML 2.1 schemas (SDMXMessage.xsd and the files it
  includes, from the SDMX TWG's sdmx-ml-v2_1 repository), each structure message is also validated against
  them with lxml; without it that step is skipped, since no registry package ships them;
- the plain CSV with the csv module; the XLSX with zipfile, only to make sure no withheld value is in it.

Needs: pip install sdmx1 jsonstat-validator
"""

import csv
import io
import json
import logging
import os
import re
import sys
import zipfile
from importlib.metadata import version
from pathlib import Path

import jsonstat_validator
import sdmx

failures: list[str] = []


def check(condition: bool, message: str) -> None:
    if not condition:
        failures.append(message)


class Collect(logging.Handler):
    """Keeps sdmx1's warnings, such as "No column detected for <component>"."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def check_json_stat(path: Path, expected: dict) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    try:
        jsonstat_validator.validate_jsonstat(data)
    except Exception as error:  # the validator raises its own error type or pydantic's
        failures.append(f"{path.name}: not valid JSON-stat 2.0: {error}")
        return
    ids, sizes = data["id"], data["size"]
    observations = expected["observations"]
    check(len(data["value"]) == len(observations),
          f"{path.name}: {len(data['value'])} values, expected {len(observations)}")
    labels = data.get("extension", {}).get("status", {}).get("label", {})
    for obs in observations:
        coords = dict(obs["key"], freq="A")
        index = 0
        for dim, size in zip(ids, sizes):
            category = data["dimension"][dim]["category"]["index"]
            position = category.index(coords[dim]) if isinstance(category, list) else category[coords[dim]]
            index = index * size + position
        key = str(index)
        check(key in data["value"], f"{path.name}: no value at {key} for {coords}")
        check(data["value"].get(key) == obs["value"],
              f"{path.name}: {coords}: value {data['value'].get(key)!r}, expected {obs['value']!r}")
        status = obs["flag"] + obs["conf"]
        check(data["status"].get(key, "") == status,
              f"{path.name}: {coords}: status {data['status'].get(key)!r}, expected {status!r}")
        for letter in status:
            check(letter in labels, f"{path.name}: status letter {letter!r} has no label")
    synthetic = any(obs["synthetic"] for obs in observations)
    check(data["extension"].get("synthetic") is synthetic, f"{path.name}: extension.synthetic is not {synthetic}")
    notes = data.get("note", [])
    check(any(n.startswith(EXPECTED["synthetic_note"]) for n in notes) == synthetic,
          f"{path.name}: the synthetic note is {'missing' if synthetic else 'there without cause'}")
    print(f"{path.name}: valid JSON-stat 2.0, {len(observations)} observations as expected")


def check_structure_schema(path: Path) -> None:
    schemas = os.environ.get("SDMX_SCHEMAS")
    if not schemas:
        return
    from lxml import etree  # a dependency of sdmx1

    schema = etree.XMLSchema(etree.parse(str(Path(schemas) / "SDMXMessage.xsd")))
    if schema.validate(etree.parse(str(path))):
        print(f"{path.name}: valid against the SDMX-ML 2.1 schemas")
    else:
        failures.extend(f"{path.name}:{e.line}: {e.message}" for e in schema.error_log)


def check_sdmx_csv(directory: Path, expected: dict) -> None:
    name = expected["file"]
    check_structure_schema(directory / expected["structure"])
    structure = sdmx.read_sdmx(directory / expected["structure"])
    dataflow = structure.dataflow[expected["dataflow"]]
    dsd = dataflow.structure
    reference = f"{dataflow.maintainer.id}:{dataflow.id}({dataflow.version})"

    with open(directory / name, newline="", encoding="utf-8") as file:
        rows = list(csv.reader(file))
    header, body = rows[0], rows[1:]
    synthetic = any(obs["synthetic"] for obs in expected["observations"])
    wanted = (["DATAFLOW", "LAST UPDATE"] + expected["dimensions"]
              + ["geo", "TIME_PERIOD", "OBS_VALUE", "OBS_FLAG", "CONF_STATUS"]
              + (["OBS_COMMENT"] if synthetic else []))
    check(header == wanted, f"{name}: header {header}, expected {wanted}")
    check(all(row[0] == reference for row in body), f"{name}: a DATAFLOW cell is not {reference}")
    last_update = re.compile(r"\d\d/\d\d/\d\d \d\d:\d\d:\d\d")
    check(all(last_update.fullmatch(row[1]) for row in body), f"{name}: a LAST UPDATE is not DD/MM/YY HH:MM:SS")

    # SDMX-CSV 1.0 -> 2.0.0: only the structure columns differ.
    shimmed = io.StringIO()
    writer = csv.writer(shimmed, lineterminator="\n")
    writer.writerow(["STRUCTURE", "STRUCTURE_ID", "ACTION"] + header[1:])
    for row in body:
        writer.writerow(["dataflow", row[0], "I"] + row[1:])
    collect = Collect()
    logging.getLogger("sdmx").addHandler(collect)
    try:
        message = sdmx.read_sdmx(io.BytesIO(shimmed.getvalue().encode()), format="CSV", structure=dataflow)
    finally:
        logging.getLogger("sdmx").removeHandler(collect)
    undetected = [m for m in collect.messages if "No column detected" in m]
    allowed = [] if synthetic else [m for m in undetected if "OBS_COMMENT" in m]
    check(undetected == allowed, f"{name}: sdmx1 found no column for {undetected}")

    observations = [obs for dataset in message.data for obs in dataset.obs]
    check(len(observations) == len(expected["observations"]),
          f"{name}: sdmx1 read {len(observations)} observations, expected {len(expected['observations'])}")
    expected_by_key = {}
    for obs in expected["observations"]:
        key = dict(obs["key"], freq="A")
        key["TIME_PERIOD"] = key.pop("time")
        expected_by_key[tuple(sorted(key.items()))] = obs

    codelists = {}
    for dim in dsd.dimensions:
        representation = dim.local_representation
        if representation is not None and representation.enumerated is not None:
            codelists[dim.id] = {code.id for code in representation.enumerated}
    conf_codes = {code.id for code in dsd.attributes.get("CONF_STATUS").local_representation.enumerated}

    seen = set()
    for obs in observations:
        key = {k: v.value for k, v in obs.dimension.values.items()}
        for dim, value in key.items():
            if dim in codelists:
                check(value in codelists[dim], f"{name}: {dim}={value} is not in the structure's codelist")
        check(re.fullmatch(r"\d{4}", key.get("TIME_PERIOD", "")) is not None, f"{name}: TIME_PERIOD of {key}")
        sort_key = tuple(sorted(key.items()))
        check(sort_key not in seen, f"{name}: {key} twice")
        seen.add(sort_key)
        want = expected_by_key.get(sort_key)
        if want is None:
            failures.append(f"{name}: unexpected observation {key}")
            continue
        attributes = {k: v.value for k, v in obs.attached_attribute.items()}
        value = "" if want["value"] is None else str(want["value"])
        check(obs.value == value, f"{name}: {key}: OBS_VALUE {obs.value!r}, expected {value!r}")
        check(attributes.get("OBS_FLAG") == want["flag"], f"{name}: {key}: OBS_FLAG {attributes.get('OBS_FLAG')!r}")
        conf = attributes.get("CONF_STATUS")
        check(conf == want["conf"], f"{name}: {key}: CONF_STATUS {conf!r}, expected {want['conf']!r}")
        check(conf == "" or conf in conf_codes, f"{name}: CONF_STATUS {conf!r} is not in CL_CONF_STATUS")
        if synthetic:
            comment = EXPECTED["synthetic_note"] if want["synthetic"] else ""
            check(attributes.get("OBS_COMMENT") == comment,
                  f"{name}: {key}: OBS_COMMENT {attributes.get('OBS_COMMENT')!r}")
    print(f"{name}: read by sdmx1 {version('sdmx1')} with {expected['structure']}, "
          f"{len(observations)} observations as expected")


def check_plain_csv(directory: Path, expected: dict) -> None:
    with open(directory / expected["file"], newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    check(len(rows) == expected["observations"],
          f"{expected['file']}: {len(rows)} rows, expected {expected['observations']}")
    for row in rows:
        if row["conf_status"]:
            check(row["value"] == "", f"{expected['file']}: a withheld value is written: {row}")
        check(row["value"] == ":" or row["value"] == "" or row["value"].isdigit(),
              f"{expected['file']}: value {row['value']!r}")
    print(f"{expected['file']}: {len(rows)} rows as expected")


def guarded(name: str, function, *args) -> None:
    """Runs one file's checks; a reader that refuses the file is a failure of that file, and the rest go on."""
    try:
        function(*args)
    except Exception as error:  # any reader error is the finding to report
        failures.append(f"{name}: {type(error).__name__}: {error}")


def texts(path: Path) -> list[str]:
    """The text of a file, or of every part of an XLSX (a zip archive)."""
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as archive:
            return [archive.read(name).decode("utf-8", "replace") for name in archive.namelist()]
    return [path.read_text(encoding="utf-8")]


def main() -> int:
    global EXPECTED
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    directory = Path(sys.argv[1])
    EXPECTED = json.loads((directory / "expected.json").read_text(encoding="utf-8"))

    json_files = {entry["file"]: entry for entry in EXPECTED["json_stat"]}
    for path in sorted(directory.glob("*.json")):
        if path.name == "expected.json":
            continue
        if path.name not in json_files:
            failures.append(f"{path.name}: no expectations for it")
            continue
        guarded(path.name, check_json_stat, path, json_files[path.name])
    for entry in EXPECTED["sdmx_csv"]:
        guarded(entry["file"], check_sdmx_csv, directory, entry)
    guarded(EXPECTED["plain_csv"]["file"], check_plain_csv, directory, EXPECTED["plain_csv"])

    for path in sorted(directory.iterdir()):
        if path.name == "expected.json":
            continue
        for text in texts(path):
            for secret in EXPECTED["never_written"]:
                check(str(secret) not in text, f"{path.name}: the withheld value {secret} is written")

    if failures:
        print(f"{len(failures)} problem(s):", *failures, sep="\n- ", file=sys.stderr)
        return 1
    print("all exports read as expected")
    return 0


EXPECTED: dict = {}

if __name__ == "__main__":
    sys.exit(main())
