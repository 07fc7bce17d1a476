"""import-doc: the doc's Markdown quirks, one case each, and the merge into the spec.

Reading is tested on small Markdown snippets; merging on a small spec written
out below, and end to end on the document spec/codes.yaml follows (the seed, or
``ACS_SOURCE_DOC``: see tests/source_doc.py) and on spec/codes.yaml.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from source_doc import find_source_doc

from codegen.cli import main
from codegen.diagnostics import SpecError
from codegen.doctables import DocCode, DocReason, DocTables, clean_text, read_doc
from codegen.importdoc import REVIEW_MARK, merge_doc, propose_name
from codegen.loader import parse_spec
from codegen.model import Catalog, build_catalog
from codegen.validate import validate_spec

ROOT = Path(__file__).resolve().parents[1]
SPEC_PATH = ROOT / "spec" / "codes.yaml"
REFERENCE_PATH = ROOT / "docs" / "codes.md"

HEADER = (
    "| Subcode | Code | Message | Result Categories | Advice |\n|---|---|---|---|---|\n"
)

SPEC = textwrap.dedent(
    """\
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
    """
)

# The doc SPEC was written from.
DOC = HEADER + textwrap.dedent(
    """\
    | 0 | 0 | Call ended successfully by local participant. | Success | |
    | 4507 | 495 | Call ended as application didn't provide valid token. | UnxpectedClientError | Refresh the token. |
    """
)


def read(markdown: str) -> DocTables:
    return read_doc(markdown, "doc.md")


def merge(doc: str, spec: str = SPEC) -> str:
    return merge_doc(spec, "codes.yaml", read(doc)).text


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
    )
    assert doc.reasons[0].advice == "Learn more here and there."


def test_br_becomes_lines() -> None:
    doc = read(
        HEADER + "| 7 | 496 | First.<br>Second.<BR/>Third.<br /> | Success | |\n"
    )
    assert doc.reasons[0].message == "First.\nSecond.\nThird."


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
        "doc.md:5:15: error: a row with a subcode but no result category",
        "doc.md:6:3: error: expected a subcode or a list of subcodes, not 'x'",
        "doc.md:7:34: error: a row with more cells than the header (5)",
        "doc.md:8:11: error: a code-level row with advice but no message",
    ]


def test_a_doc_without_a_code_table_is_an_error() -> None:
    assert errors("# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n") == [
        "doc.md: error: no code table found: expected a table with Code and Message columns"
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
        "doc.md:5:21: error: unknown result category 'Unknwn' (expected one of: "
        "Success, UnexpectedClientError, UnxpectedClientError); if it is new, add "
        "it to result_categories"
    ]


def test_a_misspelt_category_points_at_the_alias_to_record() -> None:
    with pytest.raises(SpecError) as caught:
        merge(DOC + "| 7 | 496 | Lost. | Sucess | |\n")
    assert [str(d) for d in caught.value.diagnostics] == [
        "doc.md:5:21: error: unknown result category 'Sucess'; did you mean "
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
        "reason 495/4507 TOKEN_INVALID: message",
        "reason 495/4507 TOKEN_INVALID: result_category",
        "reason 495/4507 TOKEN_INVALID: advice",
    )
    catalog(result.text)


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


def test_source_follows_the_doc() -> None:
    doc = "| title | New title |\n|---|---|\n| ms.date | 1/2/2025 |\n" + DOC
    result = merge_doc(SPEC, "codes.yaml", read(doc))
    assert result.changed == ("source: title", "source: date")
    assert 'date: "2025-01-02"' in result.text


def test_an_invalid_spec_is_reported_in_the_spec() -> None:
    with pytest.raises(SpecError) as caught:
        merge(DOC, SPEC.replace("name: UNSPECIFIED", "name: unspecified"))
    assert [str(d) for d in caught.value.diagnostics] == [
        "codes.yaml:36:11: error: name 'unspecified' is not an UPPER_SNAKE identifier "
        "(capital letters, digits and underscores, starting with a letter)"
    ]


# --- the followed document and the repository's own files -------------------------


def empty_spec() -> str:
    """spec/codes.yaml with its vocabulary (source, categories, classes) and no entries."""
    text = SPEC_PATH.read_text(encoding="utf-8")
    return text[: text.index("\ncodes:")] + "\ncodes: []\n\nreasons: []\n"


def facts(found: Catalog) -> tuple[object, ...]:
    """Everything in a catalog but names, summaries and hashes."""
    return (
        [(c.code, c.message, c.advice) for c in found.codes],
        [(r.code, r.subcode, r.message, r.category, r.advice) for r in found.reasons],
        [sorted(r.code for r in s.reasons) for s in found.subcodes],
    )


def followed_doc() -> DocTables:
    """The document spec/codes.yaml follows, read; skips the test without it."""
    path = find_source_doc().require()
    return read_doc(path.read_text(encoding="utf-8"), str(path))


def test_the_followed_doc_into_an_empty_spec_gives_the_catalog_names_aside() -> None:
    doc = followed_doc()
    result = merge_doc(empty_spec(), "codes.yaml", doc)
    spec = catalog(SPEC_PATH.read_text(encoding="utf-8"))
    assert facts(catalog(result.text)) == facts(spec)
    # Every name is proposed for review, once per member: rows sharing a
    # subcode share its name.
    shared = sum(len(subcode.reasons) - 1 for subcode in spec.subcodes)
    assert len(result.review) == len(result.added) - shared
    assert merge_doc(result.text, "codes.yaml", doc).text == result.text


def test_the_followed_doc_into_the_spec_changes_nothing() -> None:
    text = SPEC_PATH.read_text(encoding="utf-8")
    assert merge_doc(text, "spec/codes.yaml", followed_doc()).text == text


def test_the_markdown_reference_imports_back_without_change() -> None:
    text = SPEC_PATH.read_text(encoding="utf-8")
    reference = read_doc(REFERENCE_PATH.read_text(encoding="utf-8"), "docs/codes.md")
    result = merge_doc(text, "spec/codes.yaml", reference)
    assert result.text == text
    assert len(result.notes) == 2  # the tables of categories and classes


# --- the command ------------------------------------------------------------------


def test_import_doc_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec, doc = tmp_path / "codes.yaml", tmp_path / "doc.md"
    spec.write_text(SPEC, encoding="utf-8")
    doc.write_text(DOC + "| 404 | Not found. | | ||\n", encoding="utf-8")
    assert main(["import-doc", str(doc), "--spec", str(spec)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].endswith(
        "codes.yaml: 1 added, 0 changed, 0 removed; 1 to review"
    )
    assert "  added    code 404 NOT_FOUND (proposed name)" in out
    written = spec.read_text(encoding="utf-8")
    assert main(["import-doc", str(doc), "--spec", str(spec)]) == 0
    assert spec.read_text(encoding="utf-8") == written


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
    doc = HEADER + textwrap.dedent(
        """\
        | 0 | 0 | Call ended successfully by local participant. | Success | - Hang up. - Call again. |
        | 7 | 0 | Call ended by the network. | Success | |
        | 4507 | 495 | Call ended as application didn't provide valid token. | UnxpectedClientError | Refresh the token. |
        """
    )
    text = merge(doc, spec)
    assert ("      - Call again.\n\n  - code: 0\n    subcode: 7\n") in text
    assert (
        "    result_category: Success\n"
        "\n"
        "  # Curated: the doc misspells the category of this row.\n"
    ) in text
    assert merge(doc, text) == text


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
