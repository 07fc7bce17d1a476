"""import-doc: the doc's Markdown quirks, one case each, and the merge into the spec.

Reading is tested on small Markdown snippets; merging on small specs written out
below (one of one source, one of two), and end to end on the documents beside
the repository (shared/acs-docs and the seed) and spec/codes.yaml, the result
of importing them.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from source_doc import superseded_copies

from codegen.cli import main
from codegen.diagnostics import SpecError
from codegen.doctables import (
    DocCode,
    DocReason,
    DocSubCode,
    DocTables,
    clean_text,
    read_doc,
)
from codegen.importdoc import REVIEW_MARK, merge_doc, propose_name, space_entries
from codegen.loader import parse_spec
from codegen.model import Catalog, build_catalog
from codegen.validate import validate_spec

ROOT = Path(__file__).resolve().parents[1]
SPEC_PATH = ROOT / "spec" / "codes.yaml"
#: The documents beside the repository (CI always has them).
DOCS_DIR = ROOT.parent / "shared" / "acs-docs"
SEED_PATH = ROOT.parent / "shared" / "seed" / "000_1eaf3bdabe79a899.txt"

HEADER = (
    "| Subcode | Code | Message | Result Categories | Advice |\n|---|---|---|---|---|\n"
)

SPEC = textwrap.dedent("""\
    # A small catalog; this comment must survive every import.
    sources:
      - id: doc
        title: Call codes
        date: "2024-10-15"

    result_categories:
      - name: SUCCESS
        value: Success
        description: Fine.
      - name: UNEXPECTED_CLIENT_ERROR
        value: UnexpectedClientError
        description: The client failed.
        aliases: [UnxpectedClientError]

    code_classes:
      - name: CLIENT_ERROR
        first: 400
        last: 499
        description: Client error

    codes:

      - code: 0
        name: CALL_ENDED
        summary: The call ended.

      # The code of token problems.
      - code: 495
        name: AUTHENTICATION_FAILED
        summary: The client could not authenticate.

    reasons:

      - code: 0
        subcode: 0
        name: UNSPECIFIED
        message: Call ended successfully by local participant.
        result_category: Success

      # Curated: the doc misspells the category of this row.
      - code: 495
        subcode: 4507
        name: TOKEN_INVALID
        message: Call ended as application didn't provide valid token.
        result_category: UnexpectedClientError  # the doc says UnxpectedClientError
        advice: Refresh the token.
    """)

#: The front matter of the doc SPEC was written from: import finds the source
#: by its title.
FRONT = "| title | Call codes |\n|---|---|\n| ms.date | 10/15/2024 |\n"

# The doc SPEC was written from.
DOC = FRONT + HEADER + textwrap.dedent("""\
    | 0 | 0 | Call ended successfully by local participant. | Success | |
    | 4507 | 495 | Call ended as application didn't provide valid token. | UnxpectedClientError | Refresh the token. |
    """)


def read(markdown: str) -> DocTables:
    return read_doc(markdown, "doc.md")


def merge(doc: str, spec: str = SPEC, source: str | None = None) -> str:
    return merge_doc(spec, "codes.yaml", read(doc), source).text


def catalog(text: str) -> Catalog:
    document = parse_spec(text.encode("utf-8"), "codes.yaml")
    assert validate_spec(document) == []
    return build_catalog(document)


def data(text: str) -> dict[str, Any]:
    loaded = yaml.safe_load(text)
    assert isinstance(loaded, dict)
    return loaded


def reason(text: str, code: int, subcode: int) -> dict[str, Any]:
    rows = [
        r for r in data(text)["reasons"] if (r["code"], r["subcode"]) == (code, subcode)
    ]
    assert len(rows) == 1
    row: dict[str, Any] = rows[0]
    return row


def errors(markdown: str) -> list[str]:
    with pytest.raises(SpecError) as caught:
        read(markdown)
    return [str(d) for d in caught.value.diagnostics]


# --- reading: the doc's quirks ------------------------------------------------------


def test_a_plain_row() -> None:
    doc = read(HEADER + "| 4507 | 495 | Token. | UnexpectedClientError | Refresh. |\n")
    assert doc.reasons == (
        DocReason(495, 4507, "Token.", "UnexpectedClientError", "Refresh.", 3, 25),
    )
    assert doc.codes == ()


@pytest.mark.parametrize(
    "header",
    [
        "| SubCode | Code | Message | Result category | Advice |",
        "| Subcode | Code | Description | Result Categories | Mitigation |",
        "| Subcode | Code | Message | Result Categories (public preview *) | Advice |",
        "|Subcode|Code|Message|Result Categories|Advice|",
    ],
)
def test_header_names_and_notes(header: str) -> None:
    doc = read(
        f"{header}\n|---|---|---|---|---|\n| 7 | 496 | Lost. | Success | Retry. |\n"
    )
    assert [(r.code, r.subcode, r.message, r.advice) for r in doc.reasons] == [
        (496, 7, "Lost.", "Retry.")
    ]


def test_columns_in_any_order() -> None:
    doc = read(
        "| Advice | Message | Code | Result category | Subcode |\n"
        "|:--|:-:|--:|---|---|\n"
        "| Retry. | Lost. | 496 | Success | 7 |\n"
    )
    assert [(r.code, r.subcode, r.message, r.advice) for r in doc.reasons] == [
        (496, 7, "Lost.", "Retry.")
    ]


def test_table_without_advice_column() -> None:
    doc = read(
        "| Subcode | Code | Message | Result category |\n|---|---|---|---|\n| 7 | 496 | Lost. | Success |\n"
    )
    assert doc.reasons[0].advice is None


def test_crlf_line_endings() -> None:
    markdown = (HEADER + "| 7 | 496 | Lost. | Success | Retry. |\n").replace(
        "\n", "\r\n"
    )
    assert read(markdown).reasons[0].advice == "Retry."


def test_several_tables_and_other_shapes_skipped_with_a_note() -> None:
    doc = read(
        "Intro.\n\n"
        "| Name | Value |\n|---|---|\n| a | b |\n\n"
        + HEADER
        + "| 7 | 496 | Lost. | Success | |\n\n"
        "| Code | Message | Advice |\n|---|---|---|\n| 404 | Call not found. | Check. |\n"
    )
    assert [(r.code, r.subcode) for r in doc.reasons] == [(496, 7)]
    assert doc.codes == (DocCode(404, "Call not found.", "Check.", 13),)
    assert [str(n) for n in doc.notes] == [
        "doc.md:3:3: note: skipped a table that is not a code table (Name, Value)"
    ]


def test_row_split_over_two_lines() -> None:
    # As row 510403 of the seed: the line breaks after the message's cell.
    doc = read(
        HEADER + "| 510403 | 403 | Call blocked: - No route. - No ID. |\n"
        "ExpectedError | Check the route. |\n"
        "| 7 | 496 | Lost. | ExpectedError | |\n"
    )
    assert [(r.subcode, r.message, r.category, r.advice) for r in doc.reasons] == [
        (
            510403,
            "Call blocked:\n- No route.\n- No ID.",
            "ExpectedError",
            "Check the route.",
        ),
        (7, "Lost.", "ExpectedError", None),
    ]


def test_row_split_inside_a_cell() -> None:
    doc = read(
        HEADER
        + "| 7 | 496 | Call ended as the client\nlost its network. | Success | |\n"
    )
    assert doc.reasons[0].message == "Call ended as the client lost its network."


def test_prose_right_after_a_table_ends_it() -> None:
    doc = read(HEADER + "| 7 | 496 | Lost. | Success | |\nThe end.\n")
    assert doc.reasons[0].advice is None


def test_code_level_row_with_empty_subcode_cell() -> None:
    doc = read(HEADER + "| | 404 | Call not found. | | Check the number. |\n")
    assert doc.reasons == ()
    assert doc.codes == (DocCode(404, "Call not found.", "Check the number.", 3),)


def test_code_level_row_with_subcode_cell_missing() -> None:
    # The seed's variant: no subcode cell and no category, padded with "||".
    doc = read(HEADER + "| 404 | Call not found. | Check the number. | ||\n")
    assert doc.codes == (DocCode(404, "Call not found.", "Check the number.", 3),)


def test_code_level_row_without_advice() -> None:
    doc = read(HEADER + "| 404 | Call not found. | | ||\n")
    assert doc.codes == (DocCode(404, "Call not found.", None, 3),)


def test_several_codes_in_one_cell() -> None:
    doc = read(HEADER + "| 490, 491,496 | Network issues. | Check. | ||\n")
    assert [c.code for c in doc.codes] == [490, 491, 496]
    assert {c.message for c in doc.codes} == {"Network issues."}


def test_several_codes_in_a_row_with_a_subcode() -> None:
    doc = read(HEADER + "| 0 | 0, 487 | Ended. | Success | |\n")
    assert [(r.code, r.subcode) for r in doc.reasons] == [(0, 0), (487, 0)]


def test_markdown_links_reduced_to_their_text() -> None:
    doc = read(
        HEADER + "| 3112 | 410 | Failed. | ExpectedError | "
        'Learn more [here](https://example.invalid/x "t") and [there][ref]. |\n'
        "\n[ref]: https://example.invalid/y\n"
    )
    assert doc.reasons[0].advice == "Learn more here and there."


def test_a_reference_link_without_its_definition_stays_as_written() -> None:
    doc = read(
        HEADER + "| 3112 | 410 | Failed. | ExpectedError | See [it][nowhere]. |\n"
    )
    assert doc.reasons[0].advice == "See [it][nowhere]."


def test_br_becomes_lines() -> None:
    doc = read(
        HEADER + "| 7 | 496 | First.<br>Second.<BR/>Third.<br /> | Success | |\n"
    )
    assert doc.reasons[0].message == "First.\nSecond.\nThird."


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        ("Do:<ul><li>One.</li><li>Two.</li></ul>", "Do:\n- One.\n- Two."),
        # The webjs include leaves a list's closing tags at a cell's end.
        ("Links: <br> - [Check](c.md) <br> - [Subscribe](s.md)</li></ul>",
         "Links:\n- Check\n- Subscribe"),
    ],
)  # fmt: skip
def test_html_lists_become_bullets_and_their_tags_go(cell: str, text: str) -> None:
    doc = read(HEADER + f"| 7 | 496 | Message. | Success | {cell} |\n")
    assert doc.reasons[0].advice == text


def test_inline_bullets_become_lines() -> None:
    doc = read(
        HEADER
        + "| 560000 | 0 | Ended. | Success | Possible causes: - User ended the call. "
        "- Call ended by media agent. |\n"
        "| 10078 | 480 | Unreachable. | Success | - If SDK, init it. - If Teams, go online. |\n"
    )
    assert [r.advice for r in doc.reasons] == [
        "Possible causes:\n- User ended the call.\n- Call ended by media agent.",
        "- If SDK, init it.\n- If Teams, go online.",
    ]


def test_dash_inside_a_sentence_is_not_a_bullet() -> None:
    assert clean_text("Ended - as planned.") == "Ended - as planned."


def test_tabs_and_double_spaces() -> None:
    doc = read(HEADER + "| 7\t| 496 |  Call\tended   abruptly.  | Success\t| |\n")
    assert (doc.reasons[0].code, doc.reasons[0].message) == (
        496,
        "Call ended abruptly.",
    )


def test_escaped_pipe_stays_in_its_cell() -> None:
    doc = read(HEADER + "| 7 | 496 | A \\| B. | Success | |\n")
    assert doc.reasons[0].message == "A | B."


def test_front_matter_table_gives_title_and_date() -> None:
    doc = read(
        "| title | Call codes |\n|---|---|\n| ms.date | 10/15/2024 |\n"
        + HEADER
        + "| 7 | 496 | Lost. | Success | |\n"
    )
    assert (doc.title, doc.date, doc.notes) == ("Call codes", "2024-10-15", ())


def test_yaml_front_matter_gives_title_and_date() -> None:
    doc = read(
        "---\ntitle: Call codes\nms.date: 3/4/2025\n---\n\n"
        + HEADER
        + "| 7 | 496 | Lost. | Success | |\n"
    )
    assert (doc.title, doc.date) == ("Call codes", "2025-03-04")


def test_doc_errors_are_located_and_reported_together() -> None:
    assert errors(
        HEADER + "| 7 | 49x | Lost. | Success | |\n"
        "| 8 | 999 | Lost. | Success | |\n"
        "| 9 | 496 | | | |\n"
        "| x | 496 | Lost. | Success | |\n"
        "| 10 | 496 | Lost. | Success | | extra |\n"
        "| | 404 | | | Advice without a message. |\n"
    ) == [
        "doc.md:3:7: error: expected a code or a list of codes, not '49x'",
        "doc.md:4:7: error: code 999 is out of range: a code is 0 or from 100 to 699",
        "doc.md:5:13: error: a row with a subcode but no message",
        "doc.md:6:3: error: expected a subcode or a list of subcodes, not 'x'",
        "doc.md:7:34: error: a row with more cells than the header (5)",
        "doc.md:8:11: error: a code-level row with advice but no message",
    ]


def test_a_doc_without_a_code_table_is_an_error() -> None:
    assert errors("# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n") == [
        "doc.md:1:1: error: no code table found: expected a table with Code and Message columns"
    ]


# --- proposing names --------------------------------------------------------------


def test_proposed_name_from_the_first_sentence() -> None:
    name = propose_name(
        "Call ended as application didn't provide a token. Retry.",
        4507,
        "SUBCODE",
        set(),
    )
    assert name == "ENDED_APPLICATION_DIDNT_PROVIDE"


def test_proposed_names_are_unique_and_deterministic() -> None:
    taken: set[str] = {"TIMED_OUT"}
    first = propose_name("Call timed out.", 4506, "SUBCODE", taken)
    second = propose_name("Call timed out.", 4506, "SUBCODE", taken)
    assert (first, second) == ("TIMED_OUT_4506", "TIMED_OUT_4506_2")
    assert propose_name("Call timed out.", 4506, "SUBCODE", {"TIMED_OUT"}) == first


@pytest.mark.parametrize(
    "message", ["", "...", "3112 failed.", "Über-Fehler ist aufgetreten"]
)
def test_proposed_names_are_identifiers(message: str) -> None:
    name = propose_name(message, 3112, "SUBCODE", set())
    assert re.fullmatch(r"[A-Z][A-Z0-9_]*", name), name


# --- merging ----------------------------------------------------------------------


def test_the_doc_it_was_written_from_changes_nothing() -> None:
    result = merge_doc(SPEC, "codes.yaml", read(DOC))
    assert result.text is SPEC
    assert (result.added, result.changed, result.removed, result.review) == (
        (),
        (),
        (),
        (),
    )


def test_misspelled_category_maps_through_aliases_and_keeps_curated_spelling() -> None:
    # The doc says UnxpectedClientError; the spec keeps its own spelling and comment.
    assert "result_category: UnexpectedClientError  # the doc says" in merge(DOC)


def test_unknown_category_is_an_error_in_the_doc() -> None:
    with pytest.raises(SpecError) as caught:
        merge(DOC + "| 7 | 496 | Lost. | Unknwn | |\n")
    assert [str(d) for d in caught.value.diagnostics] == [
        "doc.md:8:21: error: unknown result category 'Unknwn' (expected one of: "
        "Success, UnexpectedClientError, UnxpectedClientError); if it is new, add "
        "it to result_categories"
    ]


def test_a_misspelt_category_points_at_the_alias_to_record() -> None:
    with pytest.raises(SpecError) as caught:
        merge(DOC + "| 7 | 496 | Lost. | Sucess | |\n")
    assert [str(d) for d in caught.value.diagnostics] == [
        "doc.md:8:21: error: unknown result category 'Sucess'; did you mean "
        "'Success'? If the document spells it so, add 'Sucess' to the aliases of "
        "Success in result_categories"
    ]


def test_existing_entries_keep_names_and_follow_the_doc() -> None:
    doc = DOC.replace("valid token.", "valid Azure token.").replace(
        "UnxpectedClientError | Refresh the token.", "Success | |"
    )
    result = merge_doc(SPEC, "codes.yaml", read(doc))
    row = reason(result.text, 495, 4507)
    assert row["name"] == "TOKEN_INVALID"
    assert (
        row["message"] == "Call ended as application didn't provide valid Azure token."
    )
    assert row["result_category"] == "Success"
    assert "advice" not in row
    assert result.changed == (
        "reason 495/4507 TOKEN_INVALID: message, result_category, advice",
    )
    catalog(result.text)


def test_a_change_lists_only_the_fields_that_changed() -> None:
    doc = DOC.replace("valid token.", "valid Azure token.")
    result = merge_doc(SPEC, "codes.yaml", read(doc))
    assert result.changed == ("reason 495/4507 TOKEN_INVALID: message",)


def test_whitespace_differences_keep_the_spec_text() -> None:
    spec = SPEC.replace(
        "message: Call ended successfully by local participant.",
        "message: |-\n      Call ended successfully\n      by local participant.",
    )
    assert merge(DOC, spec) == spec


def test_new_entries_get_proposed_names_marked_for_review() -> None:
    doc = DOC + "| 10009 | 401 | Unauthenticated identity. | UnxpectedClientError | |\n"
    result = merge_doc(SPEC, "codes.yaml", read(doc))
    assert result.added == (
        "code 401 UNAUTHENTICATED_IDENTITY (proposed name)",
        "reason 401/10009 UNAUTHENTICATED_IDENTITY (proposed name)",
    )
    assert (
        f"name: UNAUTHENTICATED_IDENTITY  # {REVIEW_MARK} proposed name and summary"
        in result.text
    )
    assert (
        f"name: UNAUTHENTICATED_IDENTITY  # {REVIEW_MARK} proposed name\n"
        in result.text
    )
    row = reason(result.text, 401, 10009)
    assert row["result_category"] == "UnexpectedClientError"
    assert [c.code for c in catalog(result.text).codes] == [0, 401, 495]
    # Still listed for review on the next import, until the mark is removed.
    again = merge_doc(result.text, "codes.yaml", read(doc))
    assert again.text == result.text
    assert [line.split(" (")[0] for line in again.review] == [
        "Code.UNAUTHENTICATED_IDENTITY",
        "SubCode.UNAUTHENTICATED_IDENTITY",
    ]


def test_new_code_level_row_on_an_existing_code() -> None:
    doc = DOC + "| 495 | Authentication failed. | Check the token. | ||\n"
    text = merge(doc)
    assert catalog(text).code(495).message == "Authentication failed."
    assert (
        "      - code: 495\n        name: AUTHENTICATION_FAILED\n        summary: The client could not authenticate.\n        message: Authentication failed.\n        advice: Check the token.\n\n    reasons:"
        in textwrap.indent(text, "    ")
    )


def test_a_new_row_for_a_known_subcode_shares_its_name() -> None:
    doc = DOC + "| 4507 | 401 | Token again. | UnxpectedClientError | |\n"
    result = merge_doc(SPEC, "codes.yaml", read(doc))
    assert reason(result.text, 401, 4507)["name"] == "TOKEN_INVALID"
    assert "reason 401/4507 TOKEN_INVALID" in result.added


def test_a_moved_subcode_keeps_its_name_and_aliases() -> None:
    spec = SPEC.replace(
        "name: TOKEN_INVALID\n", "name: TOKEN_INVALID\n    aliases: [OLD_TOKEN]\n"
    )
    doc = DOC.replace("| 4507 | 495 |", "| 4507 | 0 |")
    result = merge_doc(spec, "codes.yaml", read(doc))
    row = reason(result.text, 0, 4507)
    assert (row["name"], row["aliases"]) == ("TOKEN_INVALID", ["OLD_TOKEN"])
    assert result.removed == (
        "code 495 AUTHENTICATION_FAILED",
        "reason 495/4507 TOKEN_INVALID",
    )
    assert "aliases: [OLD_TOKEN]" in result.text


def test_entries_the_doc_no_longer_has_are_removed_keeping_comments() -> None:
    doc = DOC.replace(
        "| 0 | 0 | Call ended successfully by local participant. | Success | |\n", ""
    )
    doc += "| 495 | Authentication failed. | | ||\n"
    result = merge_doc(SPEC, "codes.yaml", read(doc))
    assert result.removed == ("code 0 CALL_ENDED", "reason 0/0 UNSPECIFIED")
    assert "# The code of token problems." in result.text
    assert "# Curated: the doc misspells the category of this row." in result.text
    assert result.text.startswith(
        "# A small catalog; this comment must survive every import.\n"
    )
    assert [c.code for c in catalog(result.text).codes] == [495]


def test_comments_and_layout_elsewhere_survive() -> None:
    doc = DOC.replace("valid token.", "valid Azure token.")
    text = merge(doc)
    assert text == SPEC.replace("valid token.", "valid Azure token.")


def test_importing_twice_changes_nothing() -> None:
    doc = (
        DOC
        + "| 10009 | 401 | Unauthenticated identity. | Success | |\n| 404 | Not found. | | ||\n"
    )
    once = merge(doc)
    assert merge(doc, once) == once


def test_the_doc_title_finds_the_source_and_its_date_follows() -> None:
    doc = DOC.replace("| ms.date | 10/15/2024 |", "| ms.date | 1/2/2025 |")
    result = merge_doc(SPEC, "codes.yaml", read(doc))
    assert (result.source, result.changed) == ("doc", ("source doc: date",))
    assert result.text == SPEC.replace('"2024-10-15"', '"2025-01-02"')


def test_the_source_option_names_the_source_and_its_title_follows() -> None:
    doc = DOC.replace("| title | Call codes |", "| title | Call end codes |")
    result = merge_doc(SPEC, "codes.yaml", read(doc), source="doc")
    assert (result.source, result.changed) == ("doc", ("source doc: title",))
    assert result.text == SPEC.replace("title: Call codes", "title: Call end codes")


def test_the_source_option_imports_a_doc_without_front_matter() -> None:
    doc = DOC.removeprefix(FRONT).replace("valid token.", "valid Azure token.")
    assert merge(doc, source="doc") == SPEC.replace(
        "valid token.", "valid Azure token."
    )


@pytest.mark.parametrize(
    ("doc", "source", "expected"),
    [
        (
            DOC.removeprefix(FRONT),
            None,
            "doc.md:1:1: error: the document has no title in its front matter; "
            "name its source with --source ID",
        ),
        (
            DOC.removeprefix(FRONT),
            "pstn",
            "doc.md:1:1: error: the spec has no source 'pstn', and the document "
            "has no title in its front matter to add it with",
        ),
        (
            DOC,
            "pstn",
            "doc.md:1:1: error: the document's title is that of source 'doc', not "
            "'pstn'; leave out --source to import it as 'doc'",
        ),
        (
            DOC.replace("| ms.date | 10/15/2024 |\n", ""),
            None,
            "doc.md:1:1: error: the document has no ms.date (as M/D/YYYY) in its "
            "front matter; give the date with --date YYYY-MM-DD",
        ),
        (
            DOC.replace("| ms.date | 10/15/2024 |", "| ms.date | 10/15/20245 |"),
            None,
            "doc.md:3:13: error: ms.date '10/15/20245' is not a date as M/D/YYYY; "
            "give the date with --date YYYY-MM-DD",
        ),
    ],
    ids=[
        "no title",
        "unknown id, no title",
        "another source's title",
        "no date",
        "not a date",
    ],
)
def test_a_doc_that_names_no_source_is_an_error(
    doc: str, source: str | None, expected: str
) -> None:
    with pytest.raises(SpecError) as caught:
        merge(doc, source=source)
    assert [str(d) for d in caught.value.diagnostics] == [expected]


def test_an_invalid_spec_is_reported_in_the_spec() -> None:
    with pytest.raises(SpecError) as caught:
        merge(DOC, SPEC.replace("name: UNSPECIFIED", "name: unspecified"))
    assert [str(d) for d in caught.value.diagnostics] == [
        "codes.yaml:37:11: error: name 'unspecified' is not an UPPER_SNAKE identifier "
        "(capital letters, digits and underscores, starting with a letter)"
    ]


def test_a_code_level_row_that_leaves_is_written_even_alone() -> None:
    # Nothing else changes: the spec must still be written.
    spec = merge(DOC + "| 495 | Authentication failed. | | ||\n")
    result = merge_doc(spec, "codes.yaml", read(DOC))
    assert result.changed == ("code 495 AUTHENTICATION_FAILED: no code-level row left",)
    assert result.text == SPEC


# --- the new table shapes, read and merged ----------------------------------------

CODE_FIRST = (
    "| Code | Subcode | Message | Result Categories | Advice |\n|---|---|---|---|---|\n"
)


@pytest.mark.parametrize(
    "header", [HEADER, CODE_FIRST], ids=["subcode, code", "code, subcode"]
)
def test_code_and_subcode_columns_in_either_order(header: str) -> None:
    row = "| 7 | 496 |" if header == HEADER else "| 496 | 7 |"
    doc = read(header + row + " Lost. | ExpectedError | Retry. |\n")
    assert doc.reasons == (
        DocReason(496, 7, "Lost.", "ExpectedError", "Retry.", 3, 21),
    )


def test_description_and_mitigation_columns() -> None:
    # Call Automation's layout: no result category column.
    doc = read(
        "| Code | Subcode | Description | Mitigation |\n| --- | --- | --- | --- |\n"
        "| 409 | 8519 | Conflict | Check the actions in flight. |\n"
    )
    assert doc.reasons == (
        DocReason(409, 8519, "Conflict", None, "Check the actions in flight.", 3, 16),
    )


def test_an_empty_category_cell_is_no_category_not_an_error() -> None:
    # As every PSTN row: the catalog never invents a category.
    doc = DOC + "| 560403 | 403 | The SBC refused the call. | | |\n"
    assert read(doc).reasons[-1].category is None
    text = merge(doc)
    assert "result_category" not in reason(text, 403, 560403)
    (row,) = [r for r in catalog(text).reasons if r.subcode == 560403]
    assert row.category is None


def test_a_row_with_fewer_cells_than_its_header() -> None:
    doc = read(HEADER + "| 7 | 496 | Lost. |\n| 8 | 496 | Lost again. | Success |\n")
    assert [(r.subcode, r.message, r.category, r.advice) for r in doc.reasons] == [
        (7, "Lost.", None, None),
        (8, "Lost again.", "Success", None),
    ]


def test_a_table_of_status_codes_gives_code_level_rows() -> None:
    markdown = (
        "#### 4xx codes\n\n| Status Code | Description |\n| --- | --- |\n"
        "| 400 | Bad request |\n| 401 | Unauthorized |\n"
    )
    assert read(markdown).codes == (
        DocCode(400, "Bad request", None, 5),
        DocCode(401, "Unauthorized", None, 6),
    )
    text = merge(DOC + "\n" + markdown)
    assert [(c.code, c.message) for c in catalog(text).codes] == [
        (0, None),
        (400, "Bad request"),
        (401, "Unauthorized"),
        (495, None),
    ]


def test_a_table_of_subcodes_alone_gives_generic_subcodes() -> None:
    markdown = (
        "### Generic subcodes\n| Subcode | Description |\n| --- | --- |\n"
        "| 0 | Success |\n| 7000, 7001 | Graceful |\n"
    )
    assert read(markdown).subcodes == (
        DocSubCode(0, "Success", 4),
        DocSubCode(7000, "Graceful", 5),
        DocSubCode(7001, "Graceful", 5),
    )
    result = merge_doc(SPEC, "codes.yaml", read(DOC + "\n" + markdown))
    generic = data(result.text)["subcodes"]
    # Subcode 0 has a name from its reasons; the others get proposed ones.
    assert [(s["subcode"], s["name"], s["message"]) for s in generic] == [
        (0, "UNSPECIFIED", "Success"),
        (7000, "GRACEFUL", "Graceful"),
        (7001, "GRACEFUL_7001", "Graceful"),
    ]
    assert result.added == (
        "subcode 0 UNSPECIFIED",
        "subcode 7000 GRACEFUL (proposed name)",
        "subcode 7001 GRACEFUL_7001 (proposed name)",
    )
    infos = catalog(result.text).subcode_infos
    assert [(i.subcode, i.message) for i in infos] == [
        (0, "Success"),
        (7000, "Graceful"),
        (7001, "Graceful"),
    ]
    assert merge(DOC + "\n" + markdown, result.text) == result.text


def test_errors_in_a_table_of_subcodes_are_located() -> None:
    assert errors(
        "| Subcode | Description |\n|---|---|\n"
        "| x | Text |\n| 7 | |\n| 8 | Fine | extra |\n"
    ) == [
        "doc.md:3:3: error: expected a subcode or a list of subcodes, not 'x'",
        "doc.md:4:7: error: a subcode row with no description",
        "doc.md:5:14: error: a row with more cells than the header (2)",
    ]


def test_one_subcode_under_two_codes_with_two_meanings() -> None:
    # Call Automation's 8522: not found under 404, missing configuration under 405.
    table = (
        "| Code | Subcode | Description | Mitigation |\n| --- | --- | --- | --- |\n"
        "| 404 | 8522 | The resource isn't found. | Check the call. |\n"
        "| 405 | 8522 | Missing configuration | Configure it. |\n"
    )
    assert [(r.code, r.subcode, r.message) for r in read(table).reasons] == [
        (404, 8522, "The resource isn't found."),
        (405, 8522, "Missing configuration"),
    ]
    text = merge(DOC + "\n" + table)
    first, second = reason(text, 404, 8522), reason(text, 405, 8522)
    assert first["name"] == second["name"] == "RESOURCE_ISNT_FOUND"
    assert (first["message"], second["message"]) == (
        "The resource isn't found.",
        "Missing configuration",
    )
    (subcode,) = [s for s in catalog(text).subcodes if s.subcode == 8522]
    assert [(r.code, r.message) for r in subcode.reasons] == [
        (404, "The resource isn't found."),
        (405, "Missing configuration"),
    ]


@pytest.mark.parametrize(
    ("markdown", "service"),
    [
        (
            "---\ntitle: Troubleshooting response codes for Chat SDK\nms.date: 7/22/2024\n"
            "---\n## Error codes\n\n| Code | Message | Advice |\n| --- | --- | --- |\n"
            "| 401 | Unauthorized | Check the token. |\n",
            "Chat",
        ),
        (
            "## SMS error codes\n\n| Code | Message | Advice |\n| --- | --- | --- |\n"
            "| 4000 | Message is rejected. | Check the number. |\n",
            "SMS",
        ),
    ],
    ids=["Chat by title", "SMS by heading"],
)
def test_chat_and_sms_tables_are_skipped_with_a_note(
    markdown: str, service: str
) -> None:
    doc = read(markdown)
    line = markdown.splitlines().index("| Code | Message | Advice |") + 1
    assert doc.empty
    assert [str(n) for n in doc.notes] == [
        f"doc.md:{line}:3: note: skipped a table of {service} API status codes: "
        "they are not calling codes"
    ]
    result = merge_doc(SPEC, "codes.yaml", doc)
    assert result.text is SPEC
    assert (result.source, result.added, result.changed) == (None, (), ())
    assert result.notes == doc.notes


def test_a_chat_table_beside_calling_tables_is_skipped_alone() -> None:
    doc = read(
        DOC
        + "\n## Chat SDK error codes\n\n| Code | Message | Advice |\n|---|---|---|\n"
        "| 429 | Too many requests | Slow down. |\n"
    )
    assert [(r.code, r.subcode) for r in doc.reasons] == [(0, 0), (495, 4507)]
    assert doc.codes == ()
    assert [n.line for n in doc.notes] == [11]


# --- several sources -----------------------------------------------------------------

#: A catalog of two sources: Call codes (DOC) and PSTN codes (PSTN_DOC).
TWO = textwrap.dedent("""\
    # A small catalog; this comment must survive every import.
    sources:
      - id: doc
        title: Call codes
        date: "2024-10-15"
      - id: pstn
        title: PSTN codes
        date: "2024-07-22"
    precedence: [doc, pstn]

    result_categories:
      - name: SUCCESS
        value: Success
        description: Fine.
      - name: UNEXPECTED_CLIENT_ERROR
        value: UnexpectedClientError
        description: The client failed.
        aliases: [UnxpectedClientError]

    code_classes:
      - name: CLIENT_ERROR
        first: 400
        last: 499
        description: Client error

    codes:

      - code: 0
        name: CALL_ENDED
        summary: The call ended.

      - code: 403
        name: FORBIDDEN
        summary: The call was not allowed.

      # The code of token problems.
      - code: 495
        name: AUTHENTICATION_FAILED
        summary: The client could not authenticate.

    reasons:

      - code: 0
        subcode: 0
        name: UNSPECIFIED
        sources: [doc, pstn]
        message: Call ended successfully by local participant.
        result_category: Success

      # Curated: the doc misspells the category of this row.
      - code: 495
        subcode: 4507
        name: TOKEN_INVALID
        sources: [doc, pstn]
        message: Call ended as application didn't provide valid token.
        result_category: UnexpectedClientError  # the doc says UnxpectedClientError
        advice: Refresh the token.
        variants:
          pstn:
            message: The token was not valid.

      - code: 403
        subcode: 560403
        name: SBC_REFUSED
        sources: [pstn]
        message: The SBC refused the call.
    """)

PSTN_FRONT = "| title | PSTN codes |\n|---|---|\n| ms.date | 7/22/2024 |\n"
PSTN_ROWS = {
    "0/0": "| 0 | 0 | Call ended successfully by local participant. | Success | |\n",
    "495/4507": "| 4507 | 495 | The token was not valid. | | |\n",
    "403/560403": "| 560403 | 403 | The SBC refused the call. | | |\n",
}
#: The PSTN document TWO was written from.
PSTN_DOC = PSTN_FRONT + HEADER + "".join(PSTN_ROWS.values())


def pstn_doc(**rows: str) -> str:
    """PSTN_DOC with rows replaced (or, given "", left out), by ``code/subcode``."""
    chosen = {**PSTN_ROWS, **{k.replace("_", "/"): v for k, v in rows.items()}}
    return PSTN_FRONT + HEADER + "".join(chosen.values())


def test_the_docs_it_was_written_from_change_nothing() -> None:
    for doc, source in ((DOC, "doc"), (PSTN_DOC, "pstn")):
        result = merge_doc(TWO, "codes.yaml", read(doc))
        assert result.text is TWO
        assert (result.source, result.added, result.changed, result.removed) == (
            source,
            (),
            (),
            (),
        )
        assert result.disagree == (
            "reason 495/4507 TOKEN_INVALID: says doc's words; pstn words it otherwise",
        )


def test_an_import_changes_only_its_own_sources_entries() -> None:
    # PSTN no longer lists 0/0: the entry stays, documented by doc alone; the
    # entries only doc documents are not looked at.
    result = merge_doc(TWO, "codes.yaml", read(pstn_doc(**{"0_0": ""})))
    assert result.changed == ("reason 0/0 UNSPECIFIED: no longer in pstn",)
    assert result.removed == ()
    assert result.text == TWO.replace(
        "    sources: [doc, pstn]\n    message: Call ended successfully",
        "    sources: [doc]\n    message: Call ended successfully",
    )
    # PSTN no longer lists 560403: no source is left, so the entry goes.
    result = merge_doc(TWO, "codes.yaml", read(pstn_doc(**{"403_560403": ""})))
    assert result.removed == ("code 403 FORBIDDEN", "reason 403/560403 SBC_REFUSED")
    assert [r.subcode for r in catalog(result.text).reasons] == [0, 4507]


def test_when_the_said_source_leaves_the_next_ones_words_are_promoted() -> None:
    # doc no longer lists 4507: the entry stays for PSTN, which words it otherwise.
    doc = DOC.replace(
        "| 4507 | 495 | Call ended as application didn't provide valid token. "
        "| UnxpectedClientError | Refresh the token. |\n",
        "",
    )
    result = merge_doc(TWO, "codes.yaml", read(doc))
    row = reason(result.text, 495, 4507)
    assert row == {
        "code": 495,
        "subcode": 4507,
        "name": "TOKEN_INVALID",
        "sources": ["pstn"],
        "message": "The token was not valid.",
    }
    assert result.changed == (
        "reason 495/4507 TOKEN_INVALID: no longer in doc",
        "reason 495/4507 TOKEN_INVALID: message, result_category, advice",
    )
    assert (result.removed, result.disagree) == ((), ())
    assert "# Curated: the doc misspells the category of this row.\n" in result.text
    catalog(result.text)
    # Importing doc's row again puts its words back, PSTN's aside.
    assert merge(DOC, result.text).replace(
        "  # the doc says UnxpectedClientError", ""
    ) == (TWO.replace("  # the doc says UnxpectedClientError", ""))


def test_precedence_decides_the_said_words_and_the_others_are_variants() -> None:
    # PSTN words 0/0 otherwise: doc comes first, so the entry keeps its words.
    reworded = pstn_doc(**{"0_0": "| 0 | 0 | Ended by you. | | |\n"})
    result = merge_doc(TWO, "codes.yaml", read(reworded))
    row = reason(result.text, 0, 0)
    assert row["message"] == "Call ended successfully by local participant."
    assert row["variants"] == {"pstn": {"message": "Ended by you."}}
    assert result.changed == ("reason 0/0 UNSPECIFIED: pstn's variant",)
    assert result.disagree == (
        "reason 0/0 UNSPECIFIED: says doc's words; pstn words it otherwise",
        "reason 495/4507 TOKEN_INVALID: says doc's words; pstn words it otherwise",
    )
    # The same import where PSTN comes first: the entry says PSTN's words and
    # keeps doc's as its variant.
    first = TWO.replace("precedence: [doc, pstn]", "precedence: [pstn, doc]")
    first = first.replace(
        "    message: Call ended as application didn't provide valid token.\n"
        "    result_category: UnexpectedClientError  # the doc says UnxpectedClientError\n"
        "    advice: Refresh the token.\n"
        "    variants:\n"
        "      pstn:\n"
        "        message: The token was not valid.\n",
        "    message: The token was not valid.\n"
        "    variants:\n"
        "      doc:\n"
        "        message: Call ended as application didn't provide valid token.\n"
        "        result_category: UnexpectedClientError\n"
        "        advice: Refresh the token.\n",
    )
    assert merge_doc(first, "codes.yaml", read(PSTN_DOC)).text is first
    result = merge_doc(first, "codes.yaml", read(reworded))
    row = reason(result.text, 0, 0)
    assert (row["message"], "result_category" in row) == ("Ended by you.", False)
    assert row["variants"] == {
        "doc": {
            "message": "Call ended successfully by local participant.",
            "result_category": "Success",
        }
    }
    assert result.disagree == (
        "reason 0/0 UNSPECIFIED: says pstn's words; doc words it otherwise",
        "reason 495/4507 TOKEN_INVALID: says pstn's words; doc words it otherwise",
    )
    catalog(result.text)


def test_prefer_overrides_precedence() -> None:
    spec = TWO.replace(
        "    sources: [doc, pstn]\n    message: Call ended successfully",
        "    sources: [doc, pstn]\n    prefer: pstn\n    message: Call ended successfully",
    )
    result = merge_doc(
        spec, "codes.yaml", read(pstn_doc(**{"0_0": "| 0 | 0 | Ended by you. | | |\n"}))
    )
    row = reason(result.text, 0, 0)
    assert (row["message"], row["prefer"]) == ("Ended by you.", "pstn")
    assert row["variants"] == {
        "doc": {
            "message": "Call ended successfully by local participant.",
            "result_category": "Success",
        }
    }


def test_a_changed_variant_alone_is_written() -> None:
    # Only PSTN's wording of an entry that says doc's words changes: nothing
    # else does, and the spec must still be written.
    doc = pstn_doc(**{"495_4507": "| 4507 | 495 | The token expired. | | |\n"})
    result = merge_doc(TWO, "codes.yaml", read(doc))
    assert result.changed == ("reason 495/4507 TOKEN_INVALID: pstn's variant",)
    assert result.text == TWO.replace("The token was not valid.", "The token expired.")


def test_a_variant_added_at_the_end_of_an_entry_keeps_the_comment_before_the_next() -> (
    None
):
    # The comment that leads to 4507 must not move into 0/0's variants.
    doc = pstn_doc(**{"0_0": "| 0 | 0 | Ended by you. | | |\n"})
    text = merge(doc, TWO)
    assert (
        "    result_category: Success\n"
        "    variants:\n"
        "      pstn:\n"
        "        message: Ended by you.\n"
        "\n"
        "  # Curated: the doc misspells the category of this row.\n"
        "  - code: 495\n"
    ) in text
    # And back: the variant goes, the comment stays.
    assert merge(PSTN_DOC, text) == TWO


def test_a_second_source_makes_every_entry_list_its_sources() -> None:
    spec = SPEC + textwrap.dedent("""\

        subcode_rules:

          - name: SBC_OUTBOUND_SIP_RESPONSE
            prefix: 560
            digits: 3
            reads: sip_status
            message: The SBC answered.
        """)
    result = merge_doc(spec, "codes.yaml", read(PSTN_DOC))
    assert result.source == "pstn-codes"
    assert result.changed[0] == "source pstn-codes: new (PSTN codes, 2024-07-22)"
    loaded = data(result.text)
    assert [s["id"] for s in loaded["sources"]] == ["doc", "pstn-codes"]
    assert [(r["subcode"], r["sources"]) for r in loaded["reasons"]] == [
        (0, ["doc", "pstn-codes"]),
        (4507, ["doc", "pstn-codes"]),
        (560403, ["pstn-codes"]),
    ]
    assert loaded["subcode_rules"][0]["sources"] == ["doc"]
    assert loaded["reasons"][1]["variants"] == {
        "pstn-codes": {"message": "The token was not valid."}
    }
    catalog(result.text)
    assert merge_doc(result.text, "codes.yaml", read(PSTN_DOC)).text == result.text


def test_in_a_catalog_of_one_source_new_entries_need_not_list_it() -> None:
    text = merge(DOC + "| 10009 | 401 | Unauthenticated identity. | Success | |\n")
    assert "sources:" not in text[text.index("codes:") :]


def facts_of(text: str) -> dict[str, Any]:
    """The parsed spec without what import proposes (names, summaries), its
    sources by id: what must not depend on the order of imports."""
    loaded = data(text)
    loaded["sources"] = sorted(loaded["sources"], key=lambda s: str(s["id"]))
    for section in ("codes", "reasons", "subcodes"):
        for entry in loaded.get(section) or ():
            entry.pop("name")
            entry.pop("summary", None)
    return loaded


def test_two_docs_in_either_order_give_the_same_catalog() -> None:
    empty = (
        SPEC[: SPEC.index("sources:")]
        + "sources: []\n"
        + SPEC[SPEC.index("\nresult_categories:") : SPEC.index("\ncodes:")]
        + "\ncodes: []\n\nreasons: []\n"
    )
    reworded = pstn_doc(**{"0_0": "| 0 | 0 | Ended by you. | | |\n"})
    one = merge(reworded, merge(DOC, empty))
    other = merge(DOC, merge(reworded, empty))
    assert facts_of(one) == facts_of(other)
    assert [s["id"] for s in data(one)["sources"]] == ["call-codes", "pstn-codes"]
    assert merge(DOC, one) == one


def test_importing_twice_changes_nothing_with_several_sources() -> None:
    doc = pstn_doc(**{"0_0": "| 0 | 0 | Ended by you. | | |\n"}) + (
        "| 404 | Not found. | | ||\n| 7 | 496 | Lost. | | |\n"
    )
    once = merge(doc, TWO)
    assert merge(doc, once) == once


# --- the documents beside the repository ------------------------------------------

#: What importing them says of the files that are not calling documents.
NOT_CALLING = {
    "README.md": "no code table found",
    "chat-sdk.md": "skipped a table of Chat API status codes",
    "sms-sdk.md": "skipped a table of SMS API status codes",
}


def shared_docs() -> list[Path]:
    """Every file of shared/acs-docs, then the seed. Without them the test is
    skipped, or fails in CI, which always has them."""
    if not (DOCS_DIR.is_dir() and SEED_PATH.is_file()):
        reason = (
            f"the documents are not beside the repository ({DOCS_DIR}, {SEED_PATH}): "
            "clone with shared/ beside it"
        )
        if os.environ.get("CI"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    # An older copy of a document a source follows in a newer copy (2025/)
    # would import as that source's older version: the spec follows the newer.
    older = {path for path, _ in superseded_copies()}
    paths = [p for p in sorted(DOCS_DIR.iterdir()) if p.is_file() and p not in older]
    paths += sorted((DOCS_DIR / "2025").glob("*.md"))
    return [*paths, SEED_PATH]


def import_all(spec: str, paths: list[Path]) -> str:
    """``spec`` with every document imported in turn; the files that are not
    calling documents change nothing."""
    for path in paths:
        markdown = path.read_text(encoding="utf-8")
        if path.name == "README.md":
            assert errors(markdown) == [
                f"doc.md:1:1: error: {NOT_CALLING[path.name]}: "
                "expected a table with Code and Message columns"
            ]
            continue
        result = merge_doc(spec, "codes.yaml", read_doc(markdown, path.name))
        if path.name in NOT_CALLING:
            assert result.text is spec, path.name
            assert [n.message.split(":")[0] for n in result.notes] == [
                NOT_CALLING[path.name]
            ], path.name
        spec = result.text
    return spec


def without_section(text: str, key: str) -> str:
    """``text`` without the top-level section ``key`` (up to the next line
    that starts in the first column)."""
    start = text.index(f"\n{key}:") + 1
    end = re.compile(r"^(?=[^ \n])", re.MULTILINE).search(text, start + 1)
    return text[:start] + ("" if end is None else text[end.start() :])


def vocabulary(keep_sources: bool) -> str:
    """spec/codes.yaml without entries: its categories and classes, and its
    sources, precedence, subcode rules and standards when ``keep_sources``;
    never the SDKs' names, which name entries (and are curated, not imported)."""
    text = without_section(SPEC_PATH.read_text(encoding="utf-8"), "sdk_names")
    entries = text.index("\ncodes:")
    empty = "\ncodes: []\n\nreasons: []\n"
    if keep_sources:
        return text[:entries] + empty + text[text.index("\nsubcode_rules:") :]
    vocabulary = text[text.index("\nresult_categories:") : entries]
    # What documents say of the code classes comes with their sources, and the
    # category the catalog reads in their words with it.
    vocabulary = re.sub(
        r"(?m)^    (sources|message|result_category): .*\n|^    # What .*\n",
        "",
        vocabulary,
    )
    return "sources: []\n" + vocabulary + empty


def test_every_document_into_an_empty_spec_in_any_order_gives_the_same_catalog() -> (
    None
):
    paths = shared_docs()
    orders = [paths, paths[::-1], random.Random(3112).sample(paths, len(paths))]
    results = [import_all(vocabulary(keep_sources=False), order) for order in orders]
    first = facts_of(results[0])
    # Source ids are slugs of the titles, so every order names them alike.
    assert [s["id"] for s in first["sources"]] == [
        "general-troubleshooting-strategies-understanding-sdk-codes-and-subcodes",
        "general-troubleshooting-strategies-understanding-server-codes-and-subcodes",
        "troubleshooting-call-end-response-codes-for-call-automation-sdk",
        "troubleshooting-call-end-response-codes-for-calling-sdk-call-automation-"
        "sdk-pstn-chat-sdk-and-sms-sdk-azure-communication-services",
        "troubleshooting-call-end-response-codes-for-pstn-calling",
        "troubleshooting-calling-sdk-and-codes",
        "understanding-calling-codes-and-subcodes-errors",
    ]
    for result in results[1:]:
        assert facts_of(result) == first
    catalog(results[0])


def test_every_document_gives_the_committed_catalog_names_aside() -> None:
    # spec/codes.yaml is the result of importing them: with its sources,
    # precedence and subcode rules, the imports give its every entry and
    # word, all but the curated names, summaries, former names and a
    # meaning's restriction to a code class.
    def curated_aside(text: str) -> dict[str, Any]:
        loaded = facts_of(text)
        for section in ("codes", "reasons", "subcodes"):
            for entry in loaded.get(section) or ():
                entry.pop("aliases", None)
                entry.pop("code_class", None)
        loaded.pop("sdk_names", None)
        return loaded

    result = import_all(vocabulary(keep_sources=True), shared_docs())
    assert curated_aside(result) == curated_aside(SPEC_PATH.read_text(encoding="utf-8"))


def test_each_document_imported_again_into_the_spec_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "codes.yaml"
    committed = SPEC_PATH.read_bytes()
    dates = {s["title"]: s["date"] for s in data(committed.decode("utf-8"))["sources"]}
    for path in shared_docs():
        doc = path.read_text(encoding="utf-8")
        if path.name != "README.md":
            tables = read_doc(doc, path.name)
            if tables.title in dates and dates[tables.title] != tables.date:
                continue  # the spec follows another version of this document
        shutil.copyfile(SPEC_PATH, spec)
        status = main(["import-doc", str(path), "--spec", str(spec)])
        assert status == (1 if path.name == "README.md" else 0), path.name
        assert spec.read_bytes() == committed, path.name
    capsys.readouterr()


# --- the command ------------------------------------------------------------------


def test_import_doc_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec, doc = tmp_path / "codes.yaml", tmp_path / "doc.md"
    spec.write_text(SPEC, encoding="utf-8")
    doc.write_text(DOC + "| 404 | Not found. | | ||\n", encoding="utf-8")
    assert main(["import-doc", str(doc), "--spec", str(spec)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].endswith(
        "codes.yaml (doc): 1 added, 0 changed, 0 removed; 1 to review; "
        "0 worded otherwise by another source"
    )
    assert "  added    code 404 NOT_FOUND (proposed name)" in out
    written = spec.read_text(encoding="utf-8")
    assert main(["import-doc", str(doc), "--spec", str(spec)]) == 0
    assert spec.read_text(encoding="utf-8") == written


def test_import_doc_command_with_a_source_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec, doc = tmp_path / "codes.yaml", tmp_path / "doc.md"
    spec.write_text(TWO, encoding="utf-8")
    doc.write_text(pstn_doc(**{"0_0": ""}).removeprefix(PSTN_FRONT), encoding="utf-8")
    assert main(["import-doc", str(doc), "--spec", str(spec), "--source", "pstn"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{spec.as_posix()} (pstn): 0 added, 1 changed, 0 removed; 0 to review; "
        "1 worded otherwise by another source",
        "  read     line 1: 2 rows",
        "  changed  reason 0/0 UNSPECIFIED: no longer in pstn",
        "  disagree reason 495/4507 TOKEN_INVALID: says doc's words; pstn words it "
        "otherwise",
    ]
    assert reason(spec.read_text(encoding="utf-8"), 0, 0)["sources"] == ["doc"]


def test_import_doc_command_reports_doc_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("codes.yaml").write_text(SPEC, encoding="utf-8")
    Path("doc.md").write_text(
        HEADER + "| 7 | 49x | Lost. | Success | |\n", encoding="utf-8"
    )
    assert main(["import-doc", "doc.md", "--spec", "codes.yaml"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "doc.md:3:7: error: expected a code or a list of codes, not '49x'",
        "1 error; codes.yaml left as it was",
    ]
    assert Path("codes.yaml").read_text(encoding="utf-8") == SPEC


def test_import_doc_usage_error() -> None:
    with pytest.raises(SystemExit) as caught:
        main(["import-doc"])
    assert caught.value.code == 2


def test_an_entry_inserted_after_a_block_scalar_keeps_the_blank_lines() -> None:
    # A block scalar (|-) owns its line end, so the blank line after it is all
    # of ruamel's trailer there; it must stay between the entries around the
    # new one, as it does after a plain value.
    spec = SPEC.replace(
        "    message: Call ended successfully by local participant.\n"
        "    result_category: Success\n",
        "    message: Call ended successfully by local participant.\n"
        "    result_category: Success\n"
        "    advice: |-\n"
        "      - Hang up.\n"
        "      - Call again.\n",
    )
    doc = FRONT + HEADER + textwrap.dedent("""\
        | 0 | 0 | Call ended successfully by local participant. | Success | - Hang up. - Call again. |
        | 7 | 0 | Call ended by the network. | Success | |
        | 4507 | 495 | Call ended as application didn't provide valid token. | UnxpectedClientError | Refresh the token. |
        """)
    text = merge(doc, spec)
    assert ("      - Call again.\n\n  - code: 0\n    subcode: 7\n") in text
    assert (
        "    result_category: Success\n"
        "\n"
        "  # Curated: the doc misspells the category of this row.\n"
    ) in text
    assert merge(doc, text) == text


def test_space_entries_parts_the_entries_of_spaced_lists_only() -> None:
    text = (
        "sources:\n  - id: a\n  - id: b\ncodes:\n  - code: 0\n  # Next.\n"
        "  - code: 1\n    summary: |-\n      One.\n# Reasons.\nreasons: []\n"
    )
    assert space_entries(text) == (
        "sources:\n  - id: a\n  - id: b\ncodes:\n\n  - code: 0\n\n  # Next.\n"
        "  - code: 1\n    summary: |-\n      One.\n\n# Reasons.\nreasons: []\n"
    )
    assert space_entries(space_entries(text)) == space_entries(text)


def test_a_code_whose_rows_change_has_its_summary_marked_for_review() -> None:
    # The summary is curated from the code's rows: when the doc moves a row to
    # it, the summary may no longer say what its rows say.
    doc = DOC + "| 7 | 0 | Call ended by the network. | Success | |\n"
    result = merge_doc(SPEC, "codes.yaml", read(doc))
    assert "    name: CALL_ENDED  # review: summary (its rows changed)\n" in result.text
    assert "code 0 CALL_ENDED: rows; review its summary" in result.changed
    assert any(line.startswith("Code.CALL_ENDED (line ") for line in result.review)
    assert "AUTHENTICATION_FAILED  # review" not in result.text
    again = merge_doc(result.text, "codes.yaml", read(doc))
    assert again.text == result.text
