"""lookup() and explain() against dict.get on the same keys, in one interpreter.

Run by bench/bench.py once per Python found: ``python bench/hot_paths.py DIR
[--rounds N]`` imports acs_call_codes from DIR and prints one JSON object:
for each measurement the median time per call in nanoseconds and its median
ratio to dict.get. Each round times every candidate once, interleaved, so a
busy machine slows them all alike; the ratio is taken within the round.
Standard library only, like the module it measures.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import timeit

#: Calls per timing: every key once per loop, this many loops.
LOOPS = 200


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("module_dir")
    parser.add_argument("--rounds", type=int, default=25)
    args = parser.parse_args()
    sys.path.insert(0, args.module_dir)
    import acs_call_codes as m

    # Keys as a log gives them: plain ints, every documented pair.
    hits = [(int(code), int(subcode)) for code, subcode in m.CALL_END_REASONS]
    # Undocumented pairs: codes with no row in a class's range, subcodes nobody uses.
    in_class = sorted(
        {c for k in m.CodeClass for c in m.CODE_CLASS_RANGES[k]}
        - {int(c) for c in m.Code}
    )
    misses = [(in_class[i % len(in_class)], 7_000_000 + i) for i in range(len(hits))]
    # Pairs answered by explain's newer rungs, as logs hold them: a subcode
    # under a code it is not listed with (Call Automation's 200/7000, a
    # PlayFailed's 400/8535), and PSTN SIP subcodes the rule reads. A module
    # without those rungs answers them by the code.
    listed = {int(subcode) for _, subcode in m.CALL_END_REASONS}
    meanings = [int(s) for s in getattr(m, "SUBCODE_INFO", {})] or sorted(listed)
    by_subcode = [(200 + i % 2, meanings[i % len(meanings)]) for i in range(len(hits))]
    by_rule = [(500, 560400 + i % 200) for i in range(len(hits))]
    by_rule = [(c, s) for c, s in by_rule if s not in listed]
    by_rule = (by_rule * len(hits))[: len(hits)]
    # Documented pairs worded several times by the documents (one row per
    # callback event), and pairs worded once: explain must not care. A module
    # without wordings counts every pair as worded once.
    worded = [len(getattr(r, "wordings", ((),))) for r in m.CALL_END_REASONS.values()]
    several = [k for k, n in zip(hits, worded, strict=True) if n > 1] or hits
    once = [k for k, n in zip(hits, worded, strict=True) if n == 1]
    several = (several * len(hits))[: len(hits)]
    once = (once * len(hits))[: len(hits)]
    table = dict(m.CALL_END_REASONS)
    get = table.get
    lookup, explain = m.lookup, m.explain

    cases: dict[str, tuple[str, list[tuple[int, int]]]] = {
        "dict.get": ("for c, s in keys: get((c, s))", hits),
        "lookup": ("for c, s in keys: lookup(c, s)", hits),
        "explain": ("for c, s in keys: explain(c, s)", hits),
        "dict.get, misses": ("for c, s in keys: get((c, s))", misses),
        "lookup, misses": ("for c, s in keys: lookup(c, s)", misses),
        "explain, undocumented": ("for c, s in keys: explain(c, s)", misses),
        "explain, by subcode": ("for c, s in keys: explain(c, s)", by_subcode),
        "explain, by rule": ("for c, s in keys: explain(c, s)", by_rule),
        "explain, several wordings": ("for c, s in keys: explain(c, s)", several),
        "explain, one wording": ("for c, s in keys: explain(c, s)", once),
        "empty loop": ("for c, s in keys: pass", hits),
    }
    timers = {
        name: timeit.Timer(
            stmt,
            globals={"keys": keys, "get": get, "lookup": lookup, "explain": explain},
        )
        for name, (stmt, keys) in cases.items()
    }
    per_call: dict[str, list[float]] = {name: [] for name in cases}
    ratio: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.rounds):
        seconds = {name: min(t.repeat(3, LOOPS)) for name, t in timers.items()}
        empty = seconds["empty loop"]
        net = {
            name: (s - empty) / (LOOPS * len(hits)) * 1e9 for name, s in seconds.items()
        }
        for name in cases:
            per_call[name].append(net[name])
            base = net[
                "dict.get, misses" if "miss" in name or "undoc" in name else "dict.get"
            ]
            ratio[name].append(net[name] / base)
    del per_call["empty loop"], ratio["empty loop"]
    print(
        json.dumps(
            {
                name: {
                    "ns": statistics.median(per_call[name]),
                    "ratio": statistics.median(ratio[name]),
                }
                for name in per_call
            }
        )
    )


if __name__ == "__main__":
    main()
