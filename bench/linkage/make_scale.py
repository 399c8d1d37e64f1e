#!/usr/bin/env python3
"""Generate SYNTHETIC FEBRL4-like record files at scale (e.g. 1,000,000 x 1,000,000).

SYNTHETIC DATA: every record written here is made up. Values are drawn at
random from the value distributions of the columns of a FEBRL4 file (itself
synthetic); no record of any real person is involved.

What it makes
    OUT_A.csv   N records, the same 11 columns and header as febrl4_a.csv:
                rec_id,given_name,surname,street_number,address_1,address_2,
                suburb,postcode,state,date_of_birth,soc_sec_id
                - given_name, surname, street_number, address_1, address_2,
                  suburb, postcode, state: drawn independently from that
                  column's empirical distribution in --source (empty values,
                  i.e. missing, included at their observed rate);
                - date_of_birth: year from the source's year distribution (and
                  its empty rate), month and day uniform over valid dates,
                  written YYYYMMDD;
                - soc_sec_id: uniform 7-digit number;
                - rec_id: rec-<row of A>-org.
    OUT_B.csv   N records in random order: round(dup_fraction * N) corrupted
                duplicates of distinct, randomly chosen A records
                (rec_id rec-<row of A>-dup-0) plus fresh records drawn like A
                (rec_id rec-<N + j>-org).
    TRUTH.csv   row_a,row_b,rec_id_a,rec_id_b for every duplicate, sorted by
                row_a; rows count from 0 without the header, as in
                febrl4_true_matches.csv. Default path: OUT_B's name with
                "_true_matches.csv" instead of ".csv".

Corruption of a duplicate (roughly calibrated to the differences between the
5,000 true pairs of FEBRL4): each field, independently, is left alone or gets
one of: one typo (insert, delete, substitute or transpose a character; digits
in numeric fields), two typos, replacement by another value of the column, or
blanking; given name and surname are swapped in 2% of duplicates. Postcodes
are never blanked and only get digit substitutions or transpositions that keep
them 4 digits and within 50..9999 (see Generator.postcode_typo). A duplicate
with no change at all gets one typo in a random non-empty field, so every
duplicate differs from its original (as in FEBRL4). Per field, FEBRL4's own
pairs show 3-45% of values changed and about 2.2 fields changed per pair.

Deterministic: the same N, SEED, --dup-fraction and --source give the same
files (Python's random.Random(SEED); standard library only). N = 1,000,000
runs in well under 2 minutes on one core.

Run
    python3 make_scale.py N SEED OUT_A.csv OUT_B.csv --source febrl4_a.csv \\
        [--truth TRUTH.csv] [--dup-fraction 0.5]
"""
import argparse
import bisect
import csv
import datetime
import itertools
import os
import random
import sys
import time
from collections import Counter

HEADER = ["rec_id", "given_name", "surname", "street_number", "address_1",
          "address_2", "suburb", "postcode", "state", "date_of_birth",
          "soc_sec_id"]
EMPIRICAL = ["given_name", "surname", "street_number", "address_1",
             "address_2", "suburb", "postcode", "state"]
LETTERS = "abcdefghijklmnopqrstuvwxyz"
DIGITS = "0123456789"
NUMERIC = {"street_number", "postcode", "date_of_birth", "soc_sec_id"}

# Per field: probabilities of (one typo, two typos, replace, blank); the rest
# is "unchanged". Rounded from FEBRL4's 5,000 true pairs (edit distance 1,
# edit distance 2, other change, emptied in B).
CORRUPTION = {
    "given_name":    (0.110, 0.035, 0.130, 0.027),
    "surname":       (0.140, 0.050, 0.110, 0.012),
    "street_number": (0.030, 0.070, 0.017, 0.031),
    "address_1":     (0.220, 0.065, 0.075, 0.025),
    "address_2":     (0.170, 0.090, 0.060, 0.095),
    "suburb":        (0.125, 0.050, 0.055, 0.012),
    "postcode":      (0.050, 0.095, 0.010, 0.000),
    "state":         (0.012, 0.012, 0.013, 0.012),
    "date_of_birth": (0.011, 0.012, 0.040, 0.022),
    "soc_sec_id":    (0.020, 0.028, 0.039, 0.000),
}
SWAP_NAMES = 0.02


class Column:
    """Empirical distribution of one source column."""

    def __init__(self, values):
        counts = Counter(values)
        self.values = list(counts)
        self.cum = list(itertools.accumulate(counts[v] for v in self.values))
        nonempty = [v for v in self.values if v != ""]
        self.nonempty = nonempty
        self.nonempty_cum = list(itertools.accumulate(counts[v] for v in nonempty))

    def draw(self, rng, k):
        return rng.choices(self.values, cum_weights=self.cum, k=k)

    def draw_nonempty(self, rng):
        total = self.nonempty_cum[-1]
        return self.nonempty[bisect.bisect_right(self.nonempty_cum, rng.random() * total)]


class Generator:
    def __init__(self, source_path, rng):
        with open(source_path, newline="") as f:
            reader = csv.reader(f)
            header = next(reader)
            if header != HEADER:
                sys.exit(f"{source_path}: header {header} is not FEBRL4's {HEADER}")
            rows = list(reader)
        idx = {name: i for i, name in enumerate(HEADER)}
        self.rng = rng
        self.columns = {name: Column([r[idx[name]] for r in rows]) for name in EMPIRICAL}
        self.years = Column([r[idx["date_of_birth"]][:4] for r in rows])
        thresholds = {}
        for name, probs in CORRUPTION.items():
            thresholds[name] = list(itertools.accumulate(probs))
        self.thresholds = thresholds

    # -- fresh values -------------------------------------------------------
    def dob(self, year):
        if year == "":
            return ""
        y = int(year)
        first = datetime.date(y, 1, 1).toordinal()
        days = datetime.date(y + 1, 1, 1).toordinal() - first
        d = datetime.date.fromordinal(first + self.rng.randrange(days))
        return f"{d.year:04d}{d.month:02d}{d.day:02d}"

    def ssid(self):
        return str(self.rng.randrange(1_000_000, 10_000_000))

    def records(self, k, first_id):
        """k fresh records as a list of columns (each a list of k strings)."""
        rng = self.rng
        cols = {name: self.columns[name].draw(rng, k) for name in EMPIRICAL}
        cols["date_of_birth"] = [self.dob(y) for y in self.years.draw(rng, k)]
        cols["soc_sec_id"] = [self.ssid() for _ in range(k)]
        cols["rec_id"] = [f"rec-{first_id + i}-org" for i in range(k)]
        return [cols[name] for name in HEADER]

    def replacement(self, name):
        if name == "date_of_birth":
            return self.dob(self.years.draw_nonempty(self.rng))
        if name == "soc_sec_id":
            return self.ssid()
        return self.columns[name].draw_nonempty(self.rng)

    # -- corruption ---------------------------------------------------------
    def typo(self, value, alphabet, op=None):
        rng = self.rng
        n = len(value)
        if op is None:
            op = rng.randrange(4)
        pos = rng.randrange(n)
        if op == 0:                                   # insert
            return value[:pos] + rng.choice(alphabet) + value[pos:]
        if op == 1 and n > 1:                         # delete
            return value[:pos] + value[pos + 1:]
        if op == 3 and n > 1:                         # transpose
            pos = min(pos, n - 2)
            if value[pos] != value[pos + 1]:
                return value[:pos] + value[pos + 1] + value[pos] + value[pos + 2:]
        c = rng.choice(alphabet)                      # substitute
        while c == value[pos]:
            c = rng.choice(alphabet)
        return value[:pos] + c + value[pos + 1:]

    def postcode_typo(self, value):
        """Substitute or transpose digits only, and stay within 50..9999: an
        empty, non-integer or out-of-range postcode makes clkhash reject the
        whole file with the FEBRL schemas (format integer, minimum 50,
        maximum 9999, no missing-value sentinel)."""
        while True:
            new = self.typo(value, DIGITS, op=self.rng.choice((2, 3)))
            if new != value and 50 <= int(new) <= 9999:
                return new

    def edit(self, name, value):
        if name == "postcode":
            return self.postcode_typo(value)
        return self.typo(value, DIGITS if name in NUMERIC else LETTERS)

    def corrupt(self, row):
        """A corrupted copy of row (list of 11 strings, rec_id included)."""
        rng = self.rng
        out = list(row)
        changed = False
        if rng.random() < SWAP_NAMES and out[1] != out[2]:
            out[1], out[2] = out[2], out[1]
            changed = True
        for i in range(1, 11):
            name = HEADER[i]
            u = rng.random()
            t = self.thresholds[name]
            if u >= t[3]:
                continue
            value = out[i]
            if u < t[0]:
                new = self.edit(name, value) if value else value
            elif u < t[1]:
                new = self.edit(name, self.edit(name, value)) if value else value
            elif u < t[2]:
                new = self.replacement(name)
            else:
                new = ""
            if new != value:
                out[i] = new
                changed = True
        if not changed:
            candidates = [i for i in range(1, 11) if out[i]]
            i = rng.choice(candidates)
            out[i] = self.edit(HEADER[i], out[i])
        return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int, metavar="N", help="records in A and in B")
    ap.add_argument("seed", type=int, metavar="SEED")
    ap.add_argument("out_a", metavar="OUT_A.csv")
    ap.add_argument("out_b", metavar="OUT_B.csv")
    ap.add_argument("--source", required=True,
                    help="FEBRL4 file whose column distributions are used (febrl4_a.csv)")
    ap.add_argument("--truth", help="true matches output (default: OUT_B_true_matches.csv)")
    ap.add_argument("--dup-fraction", type=float, default=0.5,
                    help="share of B that duplicates A records (default 0.5)")
    args = ap.parse_args()
    if not 0 <= args.dup_fraction <= 1:
        sys.exit("--dup-fraction must be within [0, 1]")
    truth_path = args.truth or os.path.splitext(args.out_b)[0] + "_true_matches.csv"

    start = time.perf_counter()
    n = args.n
    rng = random.Random(args.seed)
    gen = Generator(args.source, rng)

    # A: n fresh records, row i has rec_id rec-i-org.
    cols_a = gen.records(n, 0)
    with open(args.out_a, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(zip(*cols_a))

    # B: duplicates of n_dup distinct A rows + fresh records, shuffled.
    n_dup = round(args.dup_fraction * n)
    dup_rows = rng.sample(range(n), n_dup)
    cols_fresh = gen.records(n - n_dup, n)
    order = list(range(n))
    rng.shuffle(order)
    truth = []
    with open(args.out_b, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        for row_b, src in enumerate(order):
            if src < n_dup:
                row_a = dup_rows[src]
                rec = gen.corrupt([c[row_a] for c in cols_a])
                rec[0] = f"rec-{row_a}-dup-0"
                truth.append((row_a, row_b, cols_a[0][row_a], rec[0]))
            else:
                rec = [c[src - n_dup] for c in cols_fresh]
            w.writerow(rec)

    truth.sort()
    with open(truth_path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["row_a", "row_b", "rec_id_a", "rec_id_b"])
        w.writerows(truth)

    print(f"synthetic: A {n} rows -> {args.out_a}; B {n} rows ({n_dup} duplicates) "
          f"-> {args.out_b}; truth -> {truth_path}; "
          f"{time.perf_counter() - start:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
