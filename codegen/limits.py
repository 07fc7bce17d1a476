"""Sizes past which the generated module gets costly for its users: warnings, not errors.

A catalog may grow as large as it likes, and the generated module stays
correct. But type checkers handle a big enum slowly wherever code matches over
it, so the generator says when an enum grows past the size at which that
starts to show.
"""

from __future__ import annotations

from codegen.model import Catalog

#: Members an enum may have before the generator warns. Measured with
#: bench/bench.py (section 4), times including start-up, on two consumers of an
#: N-member SubCode. The consumer most code is, a file that uses SubCode members
#: and matches exhaustively over ResultCategory: pyright 1.5 to 2.1 s at every
#: size from 128 to 4,096 members; mypy --strict 1.2 to 1.7 s up to 1,024,
#: 2.4 s at 2,048 and 5.4 s at 4,096. So for it the cost starts to show past
#: 1,024, where this line is drawn. A file that matches exhaustively over SubCode
#: itself pays much earlier (pyright 2.8 s at 128, 9 s at 256, 60 s at 512, and
#: gives up at 1,024; 11 s for the real catalog's 211 members): a choice its author makes
#: on one enum, which README and docs/performance.md price, not a reason to
#: warn about every catalog. The line is a judgement on these numbers, not a
#: limit of either tool.
ENUM_MEMBER_LIMIT = 1024


def size_warnings(catalog: Catalog, spec_path: str) -> list[str]:
    """One ``PATH: warning: ...`` line per enum that has more than ENUM_MEMBER_LIMIT members."""
    sizes = {"Code": len(catalog.codes), "SubCode": len(catalog.subcodes)}
    return [
        f"{spec_path}: warning: {name} has {count:,} members; type checkers slow "
        f"down past {ENUM_MEMBER_LIMIT:,} even for code that only uses it (mypy "
        "grows with the square of its size; an exhaustive match over it takes "
        "pyright minutes)"
        for name, count in sizes.items()
        if count > ENUM_MEMBER_LIMIT
    ]
