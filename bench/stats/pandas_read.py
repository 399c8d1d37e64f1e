"""The peer of `rapporteur stats validate` and `stats import`: pandas reading the same SDMX-CSV file.

Usage: python3 bench/stats/pandas_read.py FILE

Reads every column as pandas infers it (its default engine, the C parser), as an analyst's first look at a
file would, and prints the shape so that the read cannot be skipped, and on standard error the seconds that
read_csv alone took (the whole process also pays about 0.6 s to import pandas). No checks are made: this is
the floor of reading a CSV file into memory from Python, not a validator.
"""

import sys
import time

import pandas

start = time.perf_counter()
frame = pandas.read_csv(sys.argv[1])
seconds = time.perf_counter() - start
print(f"{frame.shape[0]} rows, {frame.shape[1]} columns")
print(f"read_csv: {seconds:.3f} s", file=sys.stderr)
