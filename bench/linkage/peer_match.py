#!/usr/bin/env python3
"""Peer benchmark: match two CLK files with anonlink (Dice + greedy), on one core.

What it measures
    anonlink 0.15.3, no blocking:
    1. similarity: anonlink.candidate_generation.find_candidate_pairs with
       anonlink.similarities.dice_coefficient_accelerated (its native C++
       Dice, single-threaded) over all n_a x n_b pairs, keeping pairs with
       Dice >= THRESHOLD ("candidates");
    2. solving: anonlink.solving.greedy_solve (native version when built)
       turns the candidates into a one-to-one matching.
    Decoding the base64 CLKs is timed separately and not counted in either.

Output
    OUTPUT.csv: header `row_a,row_b,similarity`, one line per matched pair,
    sorted by row_a; rows are 0-based record indices in A.json / B.json (the
    CSV rows they were encoded from, header excluded); similarity is Python's
    shortest round-trip repr of the Dice coefficient.
    stderr: one line of JSON with n_a, n_b, threshold, candidates, matches,
    decode_s, similarity_s, comparisons_per_s (= n_a*n_b / similarity_s),
    solve_s.

Run (inside the peer venv, see README.md)
    /tmp/pprl/bin/python peer_match.py A.json B.json THRESHOLD OUTPUT.csv
    e.g. ... peer_match.py a_docs.json b_docs.json 0.8 pairs_docs_0.80.csv
"""
import base64
import csv
import json
import sys
import time

from anonlink.candidate_generation import find_candidate_pairs
from anonlink.similarities import dice_coefficient_accelerated
from anonlink.solving import greedy_solve, pairs_from_groups
from bitarray import bitarray


def deserialize_bitarray(b64):
    """One CLK from clkhash's base64 form (same as clkhash.serialization)."""
    ba = bitarray()
    ba.frombytes(base64.b64decode(b64))
    return ba


def load_clks(path):
    with open(path) as f:
        return [deserialize_bitarray(s) for s in json.load(f)["clks"]]


def main(argv):
    if len(argv) != 5:
        sys.exit(__doc__)
    path_a, path_b, threshold, output_path = argv[1], argv[2], float(argv[3]), argv[4]

    t0 = time.perf_counter()
    clks_a = load_clks(path_a)
    clks_b = load_clks(path_b)
    t1 = time.perf_counter()
    candidates = find_candidate_pairs(
        [clks_a, clks_b], dice_coefficient_accelerated, threshold)
    t2 = time.perf_counter()
    groups = greedy_solve(candidates)
    t3 = time.perf_counter()

    matched = dict(pairs_from_groups(groups))  # row_a -> row_b
    sims, _dset_is, (rec_a, rec_b) = candidates
    similarity = {}
    for s, i, j in zip(sims, rec_a, rec_b):
        if matched.get(i) == j:
            similarity[i] = s

    with open(output_path, "w", newline="") as out:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["row_a", "row_b", "similarity"])
        for i in sorted(matched):
            w.writerow([i, matched[i], repr(similarity[i])])

    n_a, n_b = len(clks_a), len(clks_b)
    sim_s = t2 - t1
    print(json.dumps({
        "n_a": n_a, "n_b": n_b, "threshold": threshold,
        "candidates": len(sims), "matches": len(matched),
        "decode_s": round(t1 - t0, 4),
        "similarity_s": round(sim_s, 4),
        "comparisons_per_s": round(n_a * n_b / sim_s),
        "solve_s": round(t3 - t2, 4),
    }), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
