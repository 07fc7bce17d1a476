"""Broken specs, each with the exact located message it gets.

Every case is a small spec written out below (most are one edit of VALID, a
catalog of one source, or of MULTI, one of two), run through the command line
in-process. Each must exit 1, print exactly the
listed lines and the count, leave the output file as it was, and print no
traceback.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from minimal_spec import CLIENT_ERROR, SERVER_ERROR, minimal_spec

from codegen import loader
from codegen.cli import main
from codegen.diagnostics import SpecError
from codegen.validate import load_schema

#: The one source of VALID, and the two result categories both catalogs have.
DOC = {"id": "doc", "title": "A small catalog", "date": '"2024-10-15"'}
SUCCESS = {
    "name": "SUCCESS",
    "value": "Success",
    "description": "The call ended as intended.",
}
UNEXPECTED = {
    "name": "UNEXPECTED_CLIENT_ERROR",
    "value": "UnexpectedClientError",
    "description": "Something went wrong on the client.",
}

VALID = (
    minimal_spec(
        sources=[DOC],
        categories=[SUCCESS, {**UNEXPECTED, "aliases": "[UnxpectedClientError]"}],
        classes=[CLIENT_ERROR, SERVER_ERROR],
    )
    + """\
codes:
  - code: 0
    name: CALL_ENDED
    summary: The call ended.
  - code: 404
    name: CALL_NOT_FOUND
    summary: The call does not exist.
    message: Call not found.
    advice: Ensure that the number you're calling exists.
  - code: 495
    name: AUTHENTICATION_FAILED
    summary: The client could not authenticate.
reasons:
  - code: 0
    subcode: 0
    name: UNSPECIFIED
    message: Call ended successfully by local participant.
    result_category: Success
  - code: 495
    subcode: 4507
    name: TOKEN_INVALID
    message: Call ended as application didn't provide a valid token.
    result_category: UnxpectedClientError
    advice: Ensure that your application refreshes its token.
"""
)

#: A catalog of two sources: every entry with text names the sources that
#: document it, and says the words of the first of them by precedence.
MULTI = (
    minimal_spec(
        sources=[DOC, {"id": "pstn", "title": "PSTN codes", "date": '"2024-07-22"'}],
        precedence=["doc", "pstn"],
        categories=[SUCCESS, UNEXPECTED],
    )
    + """\
codes:
  - code: 0
    name: CALL_ENDED
    summary: The call ended.
  - code: 404
    name: CALL_NOT_FOUND
    summary: The call does not exist.
    sources: [doc]
    message: Call not found.
  - code: 495
    name: AUTHENTICATION_FAILED
    summary: The client could not authenticate.
reasons:
  - code: 0
    subcode: 0
    name: UNSPECIFIED
    sources: [doc]
    message: Call ended successfully by local participant.
    result_category: Success
  - code: 495
    subcode: 4507
    name: TOKEN_INVALID
    sources: [doc, pstn]
    message: Call ended as application didn't provide a valid token.
    result_category: UnexpectedClientError
    variants:
      pstn:
        message: The token was not valid.
subcodes:
  - subcode: 4507
    name: TOKEN_INVALID
    sources: [pstn]
    message: Invalid token.
subcode_rules:
  - name: SBC_INBOUND_SIP_RESPONSE
    prefix: 540
    digits: 3
    reads: sip_status
    sources: [pstn]
    message: The SBC answered an inbound call.
  - name: SBC_OUTBOUND_SIP_RESPONSE
    prefix: 560
    digits: 3
    reads: sip_status
    sources: [pstn]
    message: The SBC answered an outbound call.
"""
)

SPEC = "spec.yaml"
OUT = "out.py"
PREVIOUS = b"# the previous module\n"


def edit(*changes: tuple[str, str], base: str = VALID) -> str:
    """``base`` (VALID unless given) with each ``old`` replaced by ``new``; each
    ``old`` must occur once."""
    text = base
    for old, new in changes:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        text = text.replace(old, new)
    return text


@dataclass(frozen=True)
class Case:
    id: str
    spec: str | bytes
    expected: tuple[str, ...]


def case(id: str, spec: str | bytes, *expected: str) -> Case:
    return Case(id, spec, expected)


YAML_CASES = [
    case(
        "merge conflict markers",
        edit(
            (
                "    title: A small catalog\n",
                "<<<<<<< HEAD\n    title: A small catalog\n=======\n"
                "    title: A smaller catalog\n>>>>>>> branch\n",
            )
        ),
        "spec.yaml:3:1: error: merge conflict marker <<<<<<<; resolve the conflict first",
        "spec.yaml:5:1: error: merge conflict marker =======; resolve the conflict first",
        "spec.yaml:7:1: error: merge conflict marker >>>>>>>; resolve the conflict first",
    ),
    case(
        "empty file",
        "",
        "spec.yaml:1:1: error: the spec is empty: expected a mapping with the catalog",
    ),
    case(
        "only comments",
        "# nothing yet\n\n",
        "spec.yaml:1:1: error: the spec is empty: expected a mapping with the catalog",
    ),
    case(
        "top level is a list",
        "- code: 0\n",
        "spec.yaml:1:1: error: the top level must be a mapping, not a list",
    ),
    case(
        "top level is a string",
        "codes\n",
        "spec.yaml:1:1: error: the top level must be a mapping, not a string",
    ),
    case(
        "not UTF-8",
        VALID.encode().replace(b"The call ended.", b"The call ended\xe9."),
        "spec.yaml:25:28: error: the spec is not UTF-8: byte 0xe9 cannot be decoded",
    ),
    case(
        "syntax error",
        edit(
            (
                "    aliases: [UnxpectedClientError]",
                "    aliases: [UnxpectedClientError",
            )
        ),
        "spec.yaml:13:13: error: invalid YAML: expected ',' or ']', but got ':'"
        " (while parsing a flow sequence at line 12)",
    ),
    case(
        "tab indentation",
        edit(("    title: A small catalog", "\ttitle: A small catalog")),
        "spec.yaml:3:1: error: invalid YAML: found character '\\t' that cannot start"
        " any token; indent with spaces, not tabs",
    ),
    case(
        "colon and space in a plain value",
        edit(
            ("    title: A small catalog", "    title: Call blocked: a small catalog")
        ),
        "spec.yaml:3:24: error: invalid YAML: mapping values are not allowed here;"
        " a plain value cannot hold ': ' (as in 'Call blocked: ...'): quote the"
        " value or write it as a block scalar (|-)",
    ),
    case(
        "duplicate key",
        edit(("    subcode: 4507\n", "    subcode: 4507\n    subcode: 4508\n")),
        "spec.yaml:42:5: error: duplicate key 'subcode' (first at line 41)",
    ),
    case(
        "anchor and alias",
        edit(
            ("    value: Success\n", "    value: &ok Success\n"),
            ("    result_category: Success\n", "    result_category: *ok\n"),
        ),
        "spec.yaml:7:12: error: anchors are not allowed (&ok); write the values out",
        "spec.yaml:39:22: error: aliases are not allowed (*ok); write the value out",
    ),
    case(
        "merge key",
        edit(("  - code: 495\n    subcode", "  - <<: {code: 495}\n    subcode")),
        "spec.yaml:40:5: error: keys must be plain strings"
        " (merge keys and complex keys are not allowed)",
    ),
    case(
        "key that is a number",
        edit(("    subcode: 4507\n", "    subcode: 4507\n    4508: x\n")),
        "spec.yaml:42:5: error: key '4508' must be a string, not an integer",
    ),
    case(
        "two documents",
        VALID + "---\nsources: []\n",
        "spec.yaml:46:1: error: the spec must be one YAML document;"
        " a second one starts here",
    ),
    case(
        "NUL byte in the file",
        edit(("Call not found.", "Call not\0found.")),
        "spec.yaml:29:22: error: the character U+0000 is not allowed in a YAML file;"
        " write it as an escape in a double-quoted string",
    ),
    case(
        "escape character in the file",
        edit(("Call not found.", "Call \x1b[31mnot found.")),
        "spec.yaml:29:19: error: the character U+001B is not allowed in a YAML file;"
        " write it as an escape in a double-quoted string",
    ),
    case(
        "nesting too deep",
        edit(
            (
                "    aliases: [UnxpectedClientError]",
                "    aliases: " + "[" * 20 + "]" * 20,
            )
        ),
        "spec.yaml:12:27: error: nesting is deeper than 16 levels;"
        " a catalog nests four deep",
    ),
    case(
        "unquoted date",
        edit(('    date: "2024-10-15"', "    date: 2024-10-15")),
        "spec.yaml:4:11: error: '2024-10-15' reads as a date; quote it to make it a string",
    ),
    case(
        "octal number",
        edit(("    subcode: 4507", "    subcode: 010")),
        "spec.yaml:41:14: error: '010' reads as the number 8; write numbers in plain"
        " decimal, or quote it to make it a string",
    ),
    case(
        "sexagesimal number",
        edit(("    subcode: 4507", "    subcode: 1:30")),
        "spec.yaml:41:14: error: '1:30' reads as the number 90; write numbers in plain"
        " decimal, or quote it to make it a string",
    ),
    case(
        "yes/no boolean",
        edit(("    name: UNSPECIFIED", "    name: NO")),
        "spec.yaml:37:11: error: 'NO' reads as the boolean false;"
        " quote it to make it a string",
    ),
    case(
        "python tag",
        edit(
            ("    name: UNSPECIFIED", "    name: !!python/object/apply:os.system [ls]")
        ),
        "spec.yaml:37:11: error: tag !!python/object/apply:os.system is not allowed"
        " here; write a plain list",
    ),
    case(
        "binary tag",
        edit(("Call not found.", "!!binary Q2FsbA==")),
        "spec.yaml:29:14: error: tag !!binary is not allowed;"
        " write a plain string, number, boolean or null",
    ),
]

SCHEMA_CASES = [
    case(
        "lone surrogate",
        edit(
            (
                "    message: Call ended as application didn't provide a valid token.",
                '    message: "Call ended \\ud800 here."',
            )
        ),
        "spec.yaml:43:14: error: this string holds a lone surrogate (such as"
        " \\ud800), which no UTF-8 file can hold; write the whole character instead",
    ),
    case(
        "unknown outcome",
        edit(("    value: Success\n", "    value: Success\n    outcome: fine\n")),
        "spec.yaml:8:14: error: outcome 'fine' is not one of: success,"
        " expected_error, unexpected_error",
    ),
    case(
        "misspelt key",
        edit(("    message: Call ended as", "    mesage: Call ended as")),
        "spec.yaml:43:5: error: unknown key 'mesage' in reasons[1]; did you mean 'message'?",
    ),
    case(
        "unknown top-level key",
        VALID + "notes: hello\n",
        "spec.yaml:46:1: error: unknown key 'notes' in the top level (expected one of:"
        " code_classes, codes, precedence, q850_causes, reasons, references,"
        " result_categories, sdk_names, sip_statuses, sources, subcode_rules,"
        " subcodes)",
    ),
    case(
        "missing section",
        edit(("\ncodes:\n", "\ncodez:\n")),
        "spec.yaml:22:1: error: unknown key 'codez' in the top level; did you mean 'codes'?",
    ),
    case(
        "empty value",
        edit(("    message: Call not found.", "    message:")),
        "spec.yaml:29:13: error: message must be a string, but it is empty",
    ),
    case(
        "empty string",
        edit(("    message: Call not found.", '    message: ""')),
        "spec.yaml:29:14: error: message must not be empty",
    ),
    case(
        "blank string",
        edit(("    message: Call not found.", '    message: "  \\t "')),
        "spec.yaml:29:14: error: message must not be blank",
    ),
    case(
        "boolean subcode",
        edit(("    subcode: 4507", "    subcode: true")),
        "spec.yaml:41:14: error: subcode must be an integer, not a boolean (true)",
    ),
    case(
        "float subcode",
        edit(("    subcode: 4507", "    subcode: 4507.0")),
        "spec.yaml:41:14: error: subcode must be an integer, not a float (4507.0)",
    ),
    case(
        "numeric string subcode",
        edit(("    subcode: 4507", '    subcode: "4507"')),
        "spec.yaml:41:14: error: subcode must be an integer, not a string ('4507');"
        " write the number without quotes",
    ),
    case(
        "negative subcode",
        edit(("    subcode: 4507", "    subcode: -1")),
        "spec.yaml:41:14: error: subcode -1 is negative: a subcode is 0 or more",
    ),
    case(
        "boolean code",
        edit(("  - code: 495\n    subcode", "  - code: false\n    subcode")),
        "spec.yaml:40:11: error: code must be an integer, not a boolean (false)",
    ),
    case(
        "code above range",
        edit(("  - code: 495\n    name", "  - code: 700\n    name")),
        "spec.yaml:31:11: error: code 700 is out of range: a code is 0 or from 100 to 699",
    ),
    case(
        "code below range",
        edit(("  - code: 495\n    name", "  - code: 99\n    name")),
        "spec.yaml:31:11: error: code 99 is out of range: a code is 0 or from 100 to 699",
    ),
    case(
        "float code out of range says one thing",
        edit(("  - code: 495\n    name", "  - code: 700.5\n    name")),
        "spec.yaml:31:11: error: code must be an integer, not a float (700.5)",
    ),
    case(
        "code class bound out of range",
        edit(("    last: 599", "    last: 1000")),
        "spec.yaml:20:11: error: last 1000 is out of range: a code is 0 or from 100 to 699",
    ),
    *(
        case(
            f"name {name!r}",
            edit(("    name: UNSPECIFIED", f"    name: {yaml_text}")),
            f"spec.yaml:37:11: error: name {name!r} is not an UPPER_SNAKE identifier"
            " (capital letters, digits and underscores, starting with a letter)",
        )
        for name, yaml_text in [
            ("mro", "mro"),
            ("class", "class"),
            ("None", '"None"'),
            ("_SUNDER_", "_SUNDER_"),
            ("__DUNDER__", "__DUNDER__"),
            ("TOKEN-INVALID", "TOKEN-INVALID"),
            ("9LIVES", '"9LIVES"'),
            ("TOKEN\n", '"TOKEN\\n"'),
            ("ÜBER", "ÜBER"),
        ]
    ),
    case(
        "name that is not a string",
        edit(("    name: UNSPECIFIED", "    name: [UNSPECIFIED]")),
        "spec.yaml:37:11: error: name must be a string, not a list",
    ),
    case(
        "category value with a space",
        edit(("    value: Success", "    value: Success Story")),
        "spec.yaml:7:12: error: value 'Success Story' must be a single word of letters",
    ),
    case(
        "alias with a digit",
        edit(("[UnxpectedClientError]", "[UnxpectedClientError2]")),
        "spec.yaml:12:15: error: result_categories[1].aliases[0]"
        " 'UnxpectedClientError2' must be a single word of letters",
    ),
    case(
        "date in another format",
        edit(('    date: "2024-10-15"', '    date: "15/10/2024"')),
        "spec.yaml:4:11: error: date '15/10/2024' must be written as YYYY-MM-DD",
    ),
    case(
        "advice without message",
        edit(("    message: Call not found.\n", "")),
        "spec.yaml:29:5: error: codes[1] has 'advice' but no 'message'",
    ),
    case(
        "empty section",
        VALID[: VALID.index("reasons:")] + "reasons: []\n",
        "spec.yaml:34:10: error: reasons must have at least one entry",
    ),
    case(
        "section that is not a list",
        VALID[: VALID.index("code_classes:")]
        + "code_classes: Client error\n"
        + VALID[VALID.index("codes:\n") :],
        "spec.yaml:13:15: error: code_classes must be a list,"
        " not a string ('Client error')",
    ),
    case(
        "row that is not a mapping",
        edit(("reasons:\n", "reasons:\n  - TOKEN_INVALID\n")),
        "spec.yaml:35:5: error: reasons[0] must be a mapping, not a string ('TOKEN_INVALID')",
    ),
]

MEANING_CASES = [
    case(
        "duplicate pair",
        edit(
            ("    subcode: 4507", "    subcode: 0"),
            ("  - code: 495\n    subcode", "  - code: 0\n    subcode"),
        ),
        "spec.yaml:40:5: error: duplicate reason: code 0 with subcode 0 (first at line 35)",
        "spec.yaml:42:11: error: subcode 0 is named UNSPECIFIED at line 35;"
        " rows that share a subcode share its name",
    ),
    case(
        "duplicate code",
        edit(("  - code: 495\n    name", "  - code: 404\n    name")),
        "spec.yaml:31:11: error: duplicate code 404 (first at line 26)",
        "spec.yaml:40:11: error: code 495 has no entry in codes; add it there with a name",
    ),
    case(
        "duplicate Code member name",
        edit(("    name: AUTHENTICATION_FAILED", "    name: CALL_ENDED")),
        "spec.yaml:32:11: error: duplicate Code member name 'CALL_ENDED' (first at line 24)",
    ),
    case(
        "duplicate category name",
        edit(("  - name: UNEXPECTED_CLIENT_ERROR", "  - name: SUCCESS")),
        "spec.yaml:9:11: error: duplicate result category name 'SUCCESS' (first at line 6)",
    ),
    case(
        "alias equal to a value",
        edit(
            ("[UnxpectedClientError]", "[Success]"),
            ("result_category: UnxpectedClientError", "result_category: Success"),
        ),
        "spec.yaml:12:15: error: duplicate result category spelling 'Success' (first at line 7)",
    ),
    case(
        "unknown category, close to a known one",
        edit(("    result_category: Success", "    result_category: Sucess")),
        "spec.yaml:39:22: error: unknown result category 'Sucess'; did you mean 'Success'?",
    ),
    case(
        "unknown category",
        edit(("    result_category: Success", "    result_category: Fine")),
        "spec.yaml:39:22: error: unknown result category 'Fine'; expected one of:"
        " Success, UnexpectedClientError, UnxpectedClientError",
    ),
    case(
        "a meaning restricted to an unknown code class",
        edit(
            (
                "    message: Invalid token.\n",
                "    message: Invalid token.\n    code_class: SUCCES\n",
            ),
            base=MULTI,
        ),
        "spec.yaml:54:17: error: unknown code class 'SUCCES'; expected one of:"
        " CLIENT_ERROR",
    ),
    case(
        "reason for a code that codes lacks",
        edit(("  - code: 495\n    subcode", "  - code: 496\n    subcode")),
        "spec.yaml:40:11: error: code 496 has no entry in codes; add it there with a name",
    ),
    case(
        "one subcode, two names",
        edit(("    subcode: 4507", "    subcode: 0")),
        "spec.yaml:42:11: error: subcode 0 is named UNSPECIFIED at line 35;"
        " rows that share a subcode share its name",
    ),
    case(
        "one name, two subcodes",
        edit(("    name: TOKEN_INVALID", "    name: UNSPECIFIED")),
        "spec.yaml:42:11: error: name UNSPECIFIED already names subcode 0 (line 35)",
    ),
    case(
        "overlapping code classes",
        edit(("    first: 500", "    first: 450")),
        "spec.yaml:18:5: error: code class SERVER_ERROR (450-599) overlaps 400-499 (line 14)",
    ),
    case(
        "code class that ends before it starts",
        edit(("    last: 599", "    last: 550"), ("    first: 500", "    first: 560")),
        "spec.yaml:20:11: error: code class SERVER_ERROR ends (550) before it starts (560)",
    ),
    case(
        "two code classes, one description",
        edit(("    description: Server error", "    description: Client error")),
        "spec.yaml:21:18: error: duplicate code class description 'Client error'"
        " (first at line 17); it is the CodeClass member's value, so each must differ",
    ),
    case(
        "a date that is not a day",
        edit(('    date: "2024-10-15"', '    date: "2024-02-30"')),
        "spec.yaml:4:11: error: date '2024-02-30' is not a day of the calendar",
    ),
]

# The sources: each entry names known sources, each once; its variants are the
# words of its other sources, where they differ. Most cases are one edit of MULTI.
SOURCE_CASES = [
    case(
        "unknown source, close to a known one",
        edit(("    sources: [doc, pstn]", "    sources: [doc, pstm]"), base=MULTI),
        "spec.yaml:43:20: error: unknown source 'pstm'; did you mean 'pstn'?",
    ),
    case(
        "unknown source",
        edit(("    sources: [doc, pstn]", "    sources: [doc, seed]"), base=MULTI),
        "spec.yaml:43:20: error: unknown source 'seed'; expected one of: doc, pstn",
    ),
    case(
        "unknown source in a catalog of one source",
        edit(
            ("    name: UNSPECIFIED\n", "    name: UNSPECIFIED\n    sources: [dox]\n")
        ),
        "spec.yaml:38:15: error: unknown source 'dox'; expected one of: doc",
    ),
    case(
        "source listed twice on an entry",
        edit(("    sources: [doc, pstn]", "    sources: [doc, pstn, doc]"), base=MULTI),
        "spec.yaml:43:26: error: source 'doc' is listed twice",
    ),
    case(
        "prefer that is not one of the entry's sources",
        edit(
            (
                "    name: UNSPECIFIED\n    sources: [doc]\n",
                "    name: UNSPECIFIED\n    sources: [doc]\n    prefer: pstn\n",
            ),
            base=MULTI,
        ),
        "spec.yaml:38:13: error: prefer names 'pstn', which is not one of the"
        " entry's sources (doc)",
    ),
    case(
        "variant of a source the entry does not list",
        edit(
            (
                "    result_category: Success\n",
                "    result_category: Success\n    variants:\n      pstn:\n"
                "        message: Ended.\n",
            ),
            base=MULTI,
        ),
        "spec.yaml:41:7: error: a variant of 'pstn', which is not one of the"
        " entry's sources (doc)",
    ),
    case(
        "variant of the source whose words the entry says",
        edit(("      pstn:\n", "      doc:\n"), base=MULTI),
        "spec.yaml:47:7: error: variant of 'doc', the source whose words the entry"
        " says (its own fields); remove it, set prefer to another source, or write the source's further wordings as a list",
    ),
    case(
        "variant of the source the entry prefers",
        edit(
            (
                "    sources: [doc, pstn]\n",
                "    sources: [doc, pstn]\n    prefer: pstn\n",
            ),
            base=MULTI,
        ),
        "spec.yaml:48:7: error: variant of 'pstn', the source whose words the entry"
        " says (its own fields); remove it, set prefer to another source, or write the source's further wordings as a list",
    ),
    case(
        "variant that says what the entry says, but for line breaks",
        edit(
            (
                "        message: The token was not valid.",
                "        message: Call ended as application didn't\n"
                "          provide a valid token.\n"
                "        result_category: UnexpectedClientError",
            ),
            base=MULTI,
        ),
        "spec.yaml:47:7: error: the variant of 'pstn' says what the entry says; remove it",
    ),
    case(
        "unknown category in a variant",
        edit(
            (
                "        message: The token was not valid.",
                "        message: The token was not valid.\n"
                "        result_category: Sucess",
            ),
            base=MULTI,
        ),
        "spec.yaml:49:26: error: unknown result category 'Sucess'; did you mean 'Success'?",
    ),
    case(
        "precedence naming an unknown source",
        edit(("precedence: [doc, pstn]", "precedence: [doc, pstm]"), base=MULTI),
        "spec.yaml:8:19: error: unknown source 'pstm'; did you mean 'pstn'?",
    ),
    case(
        "precedence listing a source twice",
        edit(("precedence: [doc, pstn]", "precedence: [doc, pstn, pstn]"), base=MULTI),
        "spec.yaml:8:25: error: source 'pstn' is listed twice",
    ),
    case(
        "two sources with one id, two with one title",
        edit(
            (
                '    date: "2024-07-22"\n',
                '    date: "2024-07-22"\n'
                '  - id: doc\n    title: Other codes\n    date: "2024-07-22"\n'
                '  - id: sbc\n    title: PSTN codes\n    date: "2024-07-22"\n',
            ),
            base=MULTI,
        ),
        "spec.yaml:8:9: error: duplicate source id 'doc' (first at line 2)",
        "spec.yaml:12:12: error: duplicate source title 'PSTN codes' (first at line 6)",
    ),
    case(
        "a date that is not a day, on the second source",
        edit(('    date: "2024-07-22"', '    date: "2024-07-32"'), base=MULTI),
        "spec.yaml:7:11: error: date '2024-07-32' is not a day of the calendar",
    ),
    *(
        case(
            f"{what} without sources in a catalog of two sources",
            edit((f"{before}    sources: [{source}]\n", before), base=MULTI),
            f"spec.yaml:{line}:5: error: {where} is missing required key 'sources': "
            "with several sources, each entry names those that document it",
        )
        for what, before, source, line, where in [
            (
                "code-level row",
                "    summary: The call does not exist.\n",
                "doc",
                25,
                "codes[1]",
            ),
            ("reason", "    name: UNSPECIFIED\n", "doc", 34, "reasons[0]"),
            ("generic subcode", "    name: TOKEN_INVALID\n", "pstn", 50, "subcodes[0]"),
            (
                "subcode rule",
                "    prefix: 560\n    digits: 3\n    reads: sip_status\n",
                "pstn",
                61,
                "subcode_rules[1]",
            ),
        ]
    ),
    case(
        "overlapping subcode rules",
        edit(
            ("    prefix: 560\n    digits: 3", "    prefix: 54\n    digits: 4"),
            base=MULTI,
        ),
        "spec.yaml:61:5: error: subcode rule SBC_OUTBOUND_SIP_RESPONSE (540000-549999)"
        " overlaps SBC_INBOUND_SIP_RESPONSE (540000-540999, line 55)",
    ),
    case(
        "generic subcode named otherwise than its reasons",
        edit(
            (
                "    name: TOKEN_INVALID\n    sources: [pstn]",
                "    name: INVALID_TOKEN\n    sources: [pstn]",
            ),
            base=MULTI,
        ),
        "spec.yaml:51:11: error: subcode 4507 is named TOKEN_INVALID at line 40;"
        " a subcode has one name",
    ),
    case(
        "generic subcode with the name of another subcode",
        edit(("  - subcode: 4507\n", "  - subcode: 4508\n"), base=MULTI),
        "spec.yaml:51:11: error: name TOKEN_INVALID already names subcode 4507 (line 40)",
    ),
]

# generate refuses a spec while import's "# review:" marks remain; the same
# words inside a value are text, not a mark.
REVIEW_CASES = [
    case(
        "a review mark left on a proposed name",
        edit(
            (
                "    name: TOKEN_INVALID",
                "    name: TOKEN_INVALID  # review: proposed name",
            ),
            ("Call not found.", '"Call not found. # review: not a mark"'),
        ),
        "spec.yaml:42:26: error: not reviewed: proposed name; correct it if need be,"
        " then delete the '# review:' comment",
    ),
    case(
        "a review mark that says nothing",
        edit(("    name: CALL_ENDED", "    name: CALL_ENDED  #review:")),
        "spec.yaml:24:23: error: not reviewed: an imported entry; correct it if need"
        " be, then delete the '# review:' comment",
    ),
    case(
        "a review mark in a spec with other errors",
        edit(
            (
                "    name: TOKEN_INVALID",
                "    name: TOKEN_INVALID  # review: proposed name",
            ),
            ("    subcode: 4507", "    subcode: -1"),
        ),
        "spec.yaml:41:14: error: subcode -1 is negative: a subcode is 0 or more",
        "spec.yaml:42:26: error: not reviewed: proposed name; correct it if need be,"
        " then delete the '# review:' comment",
    ),
]

# The checks of meaning run on every sound value even when others fail the
# schema, and a broken row never causes a second message elsewhere.
TOGETHER_CASES = [
    case(
        "schema and meaning errors in one run",
        edit(
            ("    subcode: 4507", "    subcode: true"),
            ("  - code: 495\n    name", "  - code: 404\n    name"),
            ("    result_category: Success", "    result_category: Sucess"),
        ),
        "spec.yaml:31:11: error: duplicate code 404 (first at line 26)",
        "spec.yaml:39:22: error: unknown result category 'Sucess'; did you mean 'Success'?",
        "spec.yaml:40:11: error: code 495 has no entry in codes; add it there with a name",
        "spec.yaml:41:14: error: subcode must be an integer, not a boolean (true)",
    ),
    case(
        "problems in the file and in the catalog in one run",
        edit(
            ("    subcode: 4507\n", "    subcode: 4507\n    subcode: 4508\n"),
            ("    name: UNSPECIFIED", "    name: NO"),
            ("    message: Call ended as", "    mesage: Call ended as"),
            ("    result_category: Success", "    result_category: Sucess"),
        ),
        "spec.yaml:37:11: error: 'NO' reads as the boolean false;"
        " quote it to make it a string",
        "spec.yaml:39:22: error: unknown result category 'Sucess'; did you mean 'Success'?",
        "spec.yaml:42:5: error: duplicate key 'subcode' (first at line 41)",
        "spec.yaml:44:5: error: unknown key 'mesage' in reasons[1]; did you mean 'message'?",
    ),
    case(
        "a dropped key is not reported again as missing",
        edit(("  - code: 495\n    subcode", "  - 495: code\n    subcode")),
        "spec.yaml:40:5: error: key '495' must be a string, not an integer",
    ),
    case(
        "a broken code row does not hide a reason's code",
        edit(
            (
                "    summary: The client could not authenticate.",
                "    sumary: The client could not authenticate.",
            )
        ),
        "spec.yaml:33:5: error: unknown key 'sumary' in codes[2]; did you mean 'summary'?",
    ),
    case(
        "a broken category row does not make its spellings unknown",
        edit(("    value: UnexpectedClientError", "    value: 5")),
        "spec.yaml:10:12: error: value must be a string, not an integer (5)",
    ),
    case(
        "a broken value is left out of uniqueness checks",
        edit(
            ("  - code: 495\n    subcode", "  - code: 0\n    subcode"),
            ("    subcode: 4507", "    subcode: 0"),
            ("    name: TOKEN_INVALID", "    name: unspecified"),
        ),
        "spec.yaml:40:5: error: duplicate reason: code 0 with subcode 0 (first at line 35)",
        "spec.yaml:42:11: error: name 'unspecified' is not an UPPER_SNAKE identifier"
        " (capital letters, digits and underscores, starting with a letter)",
    ),
]

ALL_CASES = (
    YAML_CASES
    + SCHEMA_CASES
    + MEANING_CASES
    + SOURCE_CASES
    + REVIEW_CASES
    + TOGETHER_CASES
)


def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spec: str | bytes) -> int:
    monkeypatch.chdir(tmp_path)
    Path(SPEC).write_bytes(spec.encode() if isinstance(spec, str) else spec)
    Path(OUT).write_bytes(PREVIOUS)
    return main(["generate", "--spec", SPEC, "--out", OUT])


@pytest.mark.parametrize("spec", [VALID, MULTI], ids=["one source", "two sources"])
def test_the_valid_specs_are_valid(
    spec: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(tmp_path, monkeypatch, spec) == 0


def test_a_broken_precedence_causes_no_second_message(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    spec = edit(("precedence: [doc, pstn]", "precedence: [doc, pstn, doc]"), base=MULTI)
    assert run(tmp_path, monkeypatch, spec) == 1
    assert capsys.readouterr().err.splitlines() == [
        "spec.yaml:8:25: error: source 'doc' is listed twice",
        f"1 error; {OUT} left as it was",
    ]


@pytest.mark.parametrize("case", ALL_CASES, ids=[c.id for c in ALL_CASES])
def test_broken_spec(
    case: Case,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    status = run(tmp_path, monkeypatch, case.spec)
    captured = capsys.readouterr()
    count = len(case.expected)
    assert captured.err.splitlines() == [
        *case.expected,
        f"{count} error{'s' if count != 1 else ''}; {OUT} left as it was",
    ]
    assert status == 1
    assert captured.out == ""
    assert Path(OUT).read_bytes() == PREVIOUS
    assert sorted(p.name for p in tmp_path.iterdir()) == [OUT, SPEC]


def test_alias_bomb_fails_fast_with_one_line_per_name(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Nine levels of nine aliases: a billion strings if anything expanded them.
    lines = ['lol0: &l0 ["lol"]']
    lines += [f"lol{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 10)]
    started = time.perf_counter()
    status = run(tmp_path, monkeypatch, "\n".join(lines) + "\n")
    elapsed = time.perf_counter() - started
    err = capsys.readouterr().err.splitlines()
    assert status == 1
    assert (
        err[0]
        == "spec.yaml:1:7: error: anchors are not allowed (&l0); write the values out"
    )
    assert err[2] == (
        "spec.yaml:2:12: error: aliases are not allowed (*l0, and 8 more times);"
        " write the value out"
    )
    assert err[-1] == f"19 errors; {OUT} left as it was"
    # Shown with -s, never asserted: speed belongs in benchmarks.
    print(f"alias bomb rejected in {elapsed * 1000:.1f} ms")


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        (
            "missing.yaml",
            "missing.yaml: error: cannot read the spec: No such file or directory",
        ),
        ("folder", "folder: error: cannot read the spec: Is a directory"),
    ],
)
def test_unreadable_spec(
    spec: str,
    expected: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("folder").mkdir()
    assert main(["generate", "--spec", spec, "--out", OUT]) == 1
    assert capsys.readouterr().err.splitlines() == [
        expected,
        f"1 error; {OUT} left as it was",
    ]
    assert not Path(OUT).exists()


def test_a_huge_file_is_refused_unread(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The real limit (64 MiB) lowered, so that the test writes little.
    monkeypatch.setattr(loader, "MAX_BYTES", 1 << 20)
    status = run(tmp_path, monkeypatch, VALID + "#" * (1 << 20) + "\n")
    assert status == 1
    assert capsys.readouterr().err.splitlines() == [
        "spec.yaml: error: the spec is larger than 1 MiB; is it the right file?",
        f"1 error; {OUT} left as it was",
    ]


def test_output_that_is_the_spec_is_refused(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    run(tmp_path, monkeypatch, VALID)
    assert main(["generate", "--spec", SPEC, "--out", f"./{SPEC}"]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"{SPEC}: error: --out is the spec itself; writing would destroy it"
    )
    assert Path(SPEC).read_text(encoding="utf-8") == VALID


def test_output_and_reference_that_are_one_file_are_refused(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    run(tmp_path, monkeypatch, VALID)
    before = Path(OUT).read_bytes()
    status = main(["generate", "--spec", SPEC, "--out", OUT, "--docs", f"./{OUT}"])
    assert status == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"{OUT}: error: --docs and --out are one file;"
        " the reference would overwrite the module"
    )
    assert Path(OUT).read_bytes() == before


def test_unreadable_schema_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as raised:
        load_schema(tmp_path / "missing.json")
    assert [str(d) for d in raised.value.diagnostics] == [
        f"{(tmp_path / 'missing.json').as_posix()}: error:"
        " cannot read the schema: No such file or directory"
    ]
