"""Synthetic catalogs of any size, shaped like spec/codes.yaml, for the scale benchmark.

A catalog of ``n`` entries has ``n`` reasons, each with its own subcode (so the
SubCode enum has ``n`` members), spread over up to 600 codes (every code the
schema allows), with messages and advice about as long as the seed's.
"""

from __future__ import annotations

import json

#: Sizes the scale benchmark measures.
SIZES = (50, 500, 5_000, 20_000)

_HEAD = """\
sources:
  - id: synthetic
    title: A synthetic catalog
    date: "2024-10-15"
result_categories:
  - name: SUCCESS
    value: Success
    description: The call ended as intended.
  - name: EXPECTED_ERROR
    value: ExpectedError
    description: The call ended with an anticipated error.
  - name: UNEXPECTED_CLIENT_ERROR
    value: UnexpectedClientError
    description: The call ended with an unexpected error on the client side.
    aliases: [UnxpectedClientError]
  - name: UNEXPECTED_SERVER_ERROR
    value: UnexpectedServerError
    description: The call ended with an unexpected error in the infrastructure.
code_classes:
  - name: SUCCESS
    first: 200
    last: 299
    description: Successful responses
  - name: CLIENT_ERROR
    first: 400
    last: 499
    description: Client error
  - name: SERVER_ERROR
    first: 500
    last: 599
    description: Server error
  - name: GLOBAL_ERROR
    first: 600
    last: 699
    description: Global error
"""

_CATEGORIES = (
    "Success",
    "ExpectedError",
    "UnexpectedClientError",
    "UnexpectedServerError",
)
_MESSAGE = "Call ended for reason {i}: the participant's endpoint reported condition {i} to the service."
_ADVICE = "Check the client logs for condition {i}; if it persists, gather call info and contact support."


def code_count(n: int) -> int:
    """How many codes a catalog of ``n`` entries spreads its reasons over."""
    return max(1, min(600, n // 10))


def synthetic_spec(n: int) -> str:
    """The YAML text of a valid catalog with ``n`` reasons and ``n`` subcodes."""
    codes = [100 + index for index in range(code_count(n))]
    lines = [_HEAD, "codes:"]
    for index, code in enumerate(codes):
        lines.append(f"  - code: {code}\n    name: CODE_{code}")
        lines.append(f"    summary: {json.dumps(f'Code {code}, a synthetic code.')}")
        if index % 3 == 0:
            lines.append(
                f"    message: {json.dumps(f'Code-level row of code {code}.')}"
            )
            lines.append(f"    advice: {json.dumps(f'Advice for code {code}.')}")
    lines.append("reasons:")
    for i in range(n):
        lines.append(f"  - code: {codes[i % len(codes)]}\n    subcode: {10_000 + i}")
        lines.append(f"    name: SUBCODE_{10_000 + i}")
        lines.append(f"    message: {json.dumps(_MESSAGE.format(i=i))}")
        lines.append(f"    result_category: {_CATEGORIES[i % len(_CATEGORIES)]}")
        if i % 2 == 0:
            lines.append(f"    advice: {json.dumps(_ADVICE.format(i=i))}")
    return "\n".join(lines) + "\n"


def exhaustive_match_consumer(member_names: list[str]) -> str:
    """A module that matches a SubCode against every member, checked exhaustive
    by ``assert_never``: the heaviest use a type checker sees of a big enum."""
    cases = "".join(
        f"        case SubCode.{name}:\n            return {index}\n"
        for index, name in enumerate(member_names)
    )
    return (
        '"""Matches every SubCode member; the type checker proves it exhaustive."""\n\n'
        "from typing import NoReturn\n\n"
        "from acs_call_codes import SubCode\n\n\n"
        "def assert_never(value: NoReturn) -> NoReturn:\n"
        '    raise AssertionError(f"unhandled: {value!r}")\n\n\n'
        "def number(subcode: SubCode) -> int:\n"
        "    match subcode:\n"
        f"{cases}"
        "        case _:\n"
        "            assert_never(subcode)\n"
    )


#: The result categories, for the module the size benchmark builds around SubCode.
CATEGORIES_SOURCE = (
    "class ResultCategory(str, Enum):\n"
    '    SUCCESS = "Success"\n'
    '    EXPECTED_ERROR = "ExpectedError"\n'
    '    UNEXPECTED_CLIENT_ERROR = "UnexpectedClientError"\n'
    '    UNEXPECTED_SERVER_ERROR = "UnexpectedServerError"\n'
)


def usage_consumer(member_names: list[str]) -> str:
    """A module as most code is: it uses SubCode members and matches
    exhaustively over ResultCategory, not over SubCode."""
    used = ", ".join(f"SubCode.{name}" for name in member_names[:2])
    return (
        '"""Uses SubCode; matches exhaustively over ResultCategory."""\n\n'
        "from typing import NoReturn\n\n"
        "from acs_call_codes import ResultCategory, SubCode\n\n\n"
        "def assert_never(value: NoReturn) -> NoReturn:\n"
        '    raise AssertionError(f"unhandled: {value!r}")\n\n\n'
        "def retry(subcode: SubCode) -> bool:\n"
        f"    return subcode in ({used},)\n\n\n"
        "def severity(category: ResultCategory) -> str:\n"
        "    match category:\n"
        "        case ResultCategory.SUCCESS:\n"
        '            return "info"\n'
        "        case ResultCategory.EXPECTED_ERROR:\n"
        '            return "warning"\n'
        "        case ResultCategory.UNEXPECTED_CLIENT_ERROR | "
        "ResultCategory.UNEXPECTED_SERVER_ERROR:\n"
        '            return "error"\n'
        "        case _:\n"
        "            assert_never(category)\n"
    )
