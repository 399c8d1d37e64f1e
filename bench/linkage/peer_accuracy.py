#!/usr/bin/env python3
"""Score a set of matched record pairs against the true matches (tool-neutral).

What it measures
    Precision, recall and F1 of PAIRS.csv against TRUE_MATCHES.csv. Both are
    CSV files with a header containing at least the columns `row_a` and
    `row_b` (0-based record rows of file A and file B, header excluded); any
    other columns are ignored, so it scores the peer's output (peer_match.py),
    Rapporteur's output, or anything else written in that form.
    Pairs are compared as sets; a pair listed twice counts once (the number
    of repeated lines is reported as `duplicate_lines`).

        precision = |pairs & truth| / |pairs|      (1.0 if there are no pairs)
        recall    = |pairs & truth| / |truth|
        f1        = 2 * precision * recall / (precision + recall)

Output
    stdout: one line of JSON, e.g.
    {"pairs": 4962, "true": 5000, "true_positives": 4962, "false_positives": 0,
     "false_negatives": 38, "duplicate_lines": 0, "precision": 1.0,
     "recall": 0.9924, "f1": 0.996186}

Run (standard library only; any Python 3.8+)
    python3 peer_accuracy.py PAIRS.csv TRUE_MATCHES.csv
"""
import csv
import json
import sys


def read_pairs(path):
    pairs, lines = set(), 0
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        missing = {"row_a", "row_b"} - set(reader.fieldnames or ())
        if missing:
            sys.exit(f"{path}: missing column(s) {sorted(missing)}")
        for row in reader:
            pairs.add((int(row["row_a"]), int(row["row_b"])))
            lines += 1
    return pairs, lines - len(pairs)


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    found, duplicates = read_pairs(argv[1])
    truth, _ = read_pairs(argv[2])
    tp = len(found & truth)
    precision = tp / len(found) if found else 1.0
    recall = tp / len(truth) if truth else 1.0
    f1 = (2 * precision * recall / (precision + recall)
          if precision + recall else 0.0)
    print(json.dumps({
        "pairs": len(found), "true": len(truth), "true_positives": tp,
        "false_positives": len(found) - tp, "false_negatives": len(truth) - tp,
        "duplicate_lines": duplicates,
        "precision": round(precision, 6), "recall": round(recall, 6),
        "f1": round(f1, 6),
    }))


if __name__ == "__main__":
    main(sys.argv)
