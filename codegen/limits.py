"""Sizes past which the generated module gets costly for its users: warnings, not errors.

A catalog may grow as large as it likes, and the generated module stays
correct. But type checkers handle a big enum slowly wherever code matches over
it, so the generator says when an enum grows past the size at which that
starts to show.
"""

from __future__ import annotations

from codegen.model import Catalog

#: Members an enum may have before the generator warns. Measured with
#: bench/bench.py (section 4: one exhaustive ``match`` over an N-member IntEnum,
#: ``assert_never`` in the default case, times including start-up): pyright took
#: 1.0 s at 64 members, 1.6 s at 128, 2.9 s at 192, 5.5 s at 256 and 33 s at 512,
#: and at 2,000 it gives up ("code is too complex to analyze"); mypy --strict took
#: 0.5 s up to 128, 0.9 s at 256, 2.1 s at 512, 6 s at 1,000 and 26 s at 2,000.
#: Past 128 each doubling multiplies pyright's time by about six, so 128 is where
#: a user starts to wait. The line is a judgement on those numbers, not a limit
#: of either tool. The catalog of several documents is past it (SubCode has over
#: 200 members), so `make generate` warns: with 211, one exhaustive match over
#: SubCode took pyright 11 s where a file that only imports it took 3 s, and
#: mypy 2.5 s against 2 s (tests/test_typing.py's consumers, one at a time). The
#: warning stays until the line is reconsidered on numbers like these.
ENUM_MEMBER_LIMIT = 128


def size_warnings(catalog: Catalog, spec_path: str) -> list[str]:
    """One ``PATH: warning: ...`` line per enum that has more than ENUM_MEMBER_LIMIT members."""
    sizes = {"Code": len(catalog.codes), "SubCode": len(catalog.subcodes)}
    return [
        f"{spec_path}: warning: {name} has {count:,} members; type checkers slow "
        f"down past {ENUM_MEMBER_LIMIT} (an exhaustive match over it takes pyright "
        "seconds to minutes, and mypy grows with the square of its size)"
        for name, count in sizes.items()
        if count > ENUM_MEMBER_LIMIT
    ]
