"""import-doc on pages as Microsoft Learn renders them, and pairs documented
several times: every table accounted for, events read, every wording kept.

The pages here are made up in the shape of the real ones (the 2025
Troubleshooting codes page, the Call Automation include with its Callback Event
column); tests/test_sources.py checks the real documents against the catalog.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from test_importdoc import DOC, SPEC, catalog, data, errors, read, reason

from codegen.cli import main
from codegen.importdoc import merge_doc
from codegen.loader import parse_spec
from codegen.validate import validate_spec

PAGE = textwrap.dedent("""\
    ---
    title: "Troubleshooting codes for Calling SDK, Call Automation SDK, PSTN, Chat SDK, and SMS SDK"
    ms.date: 07/14/2025
    zone_pivot_groups: acs-calling-automation-pstn
    ---

    # Troubleshooting codes for Calling SDK, Call Automation SDK, PSTN, Chat SDK, and SMS SDK

    > **Note:**
    > Message and Result Categories are in public preview.

    **Applies to: automation**

    ## Call Automation error codes

    ```bash
    # not a heading
    | Code | Subcode | Description |
    |---|---|---|
    | 999 | 1 | inside a fence |
    ```

    | Callback Event | Code | Sub code | Description | Mitigation |
    |---|---|---|---|---|
    | CreateCallFailed / AnswerFailed | 400 | 8523 | Locale is missing. | Add a locale. |
    | TranscriptionFailed | 400 | 8523 | Only locales that contain region information are supported. | Use en-US. |
    | CallDisconnected | 200 | 5010 | Call ended because only one participant remained. | |

    ---

    :::zone pivot="pstn"

    ### ParticipantEndReason 4xx

    | SubCode | Code | Message | Result category | Advice |
    | --- | --- | --- | --- | --- |
    | 560403 | 403 | - Call forbidden.<br/> - Call rejected. | | Check the number. |

    ::: zone-end

    **Applies to: chat**

    ## Chat SDK error codes

    | Code | Message | Advice |
    | --- | --- | --- |
    | 401 | Unauthorized | Check the token. |

    **Applies to: sms**

    ## SMS error codes

    | Code | Message | Advice |
    | --- | --- | --- |
    | 4000 | Message is rejected. | |
    """)

TITLE = (
    "Troubleshooting codes for Calling SDK, Call Automation SDK, PSTN, Chat SDK, "
    "and SMS SDK"
)


def page_spec() -> str:
    """SPEC with codes 200, 400 and 403, which the page's rows use."""
    old = "  # The code of token problems.\n"
    assert old in SPEC
    return SPEC.replace(
        old,
        "  - code: 200\n    name: OK\n    summary: Fine.\n\n"
        "  - code: 400\n    name: BAD_REQUEST\n    summary: Bad.\n\n"
        "  - code: 403\n    name: FORBIDDEN\n    summary: Not allowed.\n\n" + old,
    )


def test_a_page_is_read_by_its_sections() -> None:
    doc = read(PAGE)
    assert doc.title == TITLE
    assert doc.date == "2025-07-14"
    assert [str(t) for t in doc.tables] == [
        "read     line 23 (Call Automation error codes): 3 rows",
        "read     line 35 (ParticipantEndReason 4xx): 1 row",
        "skipped  line 45 (Chat SDK error codes): a table of Chat API status codes: "
        "they are not calling codes",
        "skipped  line 53 (SMS error codes): a table of SMS API status codes: "
        "they are not calling codes",
    ]
    rows = [(r.code, r.subcode, r.events) for r in doc.reasons]
    assert rows == [
        (400, 8523, ("CreateCallFailed", "AnswerFailed")),
        (400, 8523, ("TranscriptionFailed",)),
        (200, 5010, ("CallDisconnected",)),
        (403, 560403, ()),
    ]
    assert doc.reasons[3].message == "- Call forbidden.\n- Call rejected."
    assert doc.reasons[3].category is None


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("| Event | Code | SubCode | Message | Advice |", ("A", "B")),
        ("| callback events | code | Subcode | message | advice |", ("A", "B")),
        (
            "| Callback Event | Status Code | Sub-code | Description | Mitigation |",
            ("A", "B"),
        ),
    ],
)
def test_event_and_code_headers_are_read_in_their_spellings(
    header: str, expected: tuple[str, ...]
) -> None:
    doc = read(f"{header}\n|---|---|---|---|---|\n| `A`, B | 400 | 1 | Bad. | Fix. |\n")
    assert [(r.code, r.subcode, r.events, r.advice) for r in doc.reasons] == [
        (400, 1, expected, "Fix.")
    ]


def test_events_split_on_slashes_commas_or_and_lines() -> None:
    doc = read(
        "| Event | Code | Subcode | Message |\n|---|---|---|---|\n"
        "| A / B | 400 | 1 | x |\n| C or D | 400 | 2 | y |\n"
        "| E<br/>F, E | 400 | 3 | z |\n| | 400 | 4 | w |\n"
    )
    assert [r.events for r in doc.reasons] == [("A", "B"), ("C", "D"), ("E", "F"), ()]


def test_code_tables_that_yield_no_row_are_an_error() -> None:
    # Tables with the columns of code tables, every row empty: never "0 added".
    assert errors(
        "| Code | Subcode | Message | Code |\n|---|---|---|---|\n| 400 | 1 | x | 400 |\n"
    ) == [
        "doc.md:1:1: error: a code table with no row read: a column twice "
        "(Code, Subcode, Message, Code)"
    ]


def test_a_chat_document_alone_is_skipped_with_a_note() -> None:
    doc = read(
        "---\ntitle: Troubleshooting response codes for Chat SDK\n"
        "ms.date: 7/22/2024\n---\n| Code | Message |\n|---|---|\n| 401 | No. |\n"
    )
    assert doc.empty
    assert [t.skipped for t in doc.tables] == [
        "a table of Chat API status codes: they are not calling codes"
    ]


def test_a_fence_hides_tables_and_headings() -> None:
    doc = read(
        "## Calls\n```\n# SMS\n| Code | Message |\n|---|---|\n| 401 | No. |\n```\n"
        "| Code | Message |\n|---|---|\n| 404 | Call not found. |\n"
    )
    assert [(c.code, c.message) for c in doc.codes] == [(404, "Call not found.")]
    assert [t.title for t in doc.tables] == ["Calls"]


def test_a_pair_documented_several_times_keeps_every_wording() -> None:
    result = merge_doc(page_spec(), "codes.yaml", read(PAGE))
    row = reason(result.text, 400, 8523)
    assert row["message"] == "Locale is missing."
    assert row["events"] == ["CreateCallFailed", "AnswerFailed"]
    source = row["sources"][0]
    assert row["variants"] == {
        source: [
            {
                "message": "Only locales that contain region information are supported.",
                "advice": "Use en-US.",
                "events": ["TranscriptionFailed"],
            }
        ]
    }
    # Imported again, nothing changes; the model gives both wordings, in order.
    again = merge_doc(result.text, "codes.yaml", read(PAGE))
    assert again.text == result.text
    assert again.unchanged
    (pair,) = [r for r in catalog(result.text).reasons if r.subcode == 8523]
    assert [(w.message, w.events, w.sources) for w in pair.wordings] == [
        ("Locale is missing.", ("CreateCallFailed", "AnswerFailed"), (source,)),
        (
            "Only locales that contain region information are supported.",
            ("TranscriptionFailed",),
            (source,),
        ),
    ]


def test_sources_that_word_a_pair_alike_share_one_wording() -> None:
    first = merge_doc(page_spec(), "codes.yaml", read(PAGE)).text
    # The same table as another document: its rows are the first's.
    include = PAGE.replace(TITLE, "Call Automation codes").split("---\n\n:::zone")[0]
    both = merge_doc(first, "codes.yaml", read(include)).text
    (pair,) = [r for r in catalog(both).reasons if r.subcode == 8523]
    row = reason(both, 400, 8523)
    sources = tuple(row["sources"])
    assert len(sources) == 2
    assert [w.sources for w in pair.wordings] == [sources, sources]
    # The source that is not said has no variant: it says what the said one says.
    assert list(row["variants"]) == [sources[0]]


def test_a_row_removed_from_a_repeated_pair_leaves_the_others() -> None:
    first = merge_doc(page_spec(), "codes.yaml", read(PAGE)).text
    fewer = PAGE.replace(
        "| TranscriptionFailed | 400 | 8523 | Only locales that contain region "
        "information are supported. | Use en-US. |\n",
        "",
    )
    result = merge_doc(first, "codes.yaml", read(fewer))
    row = reason(result.text, 400, 8523)
    assert "variants" not in row
    assert row["message"] == "Locale is missing."
    assert any("further wordings" in line for line in result.changed)


def spec_errors(text: str) -> list[str]:
    return [str(p) for p in validate_spec(parse_spec(text.encode(), "codes.yaml"))]


def wordings_spec(variants: str) -> str:
    old = "    advice: Refresh the token.\n"
    assert old in SPEC
    return SPEC.replace(
        old,
        old
        + "    sources: [doc]\n    events: [AnswerFailed]\n"
        + textwrap.indent(variants, " " * 4),
    )


def test_the_said_sources_further_wordings_are_a_list() -> None:
    assert spec_errors(
        wordings_spec("variants:\n  doc:\n    message: Other words.\n")
    ) == [
        "codes.yaml:51:7: error: variant of 'doc', the source whose words the "
        "entry says (its own fields); remove it, set prefer to another source, "
        "or write the source's further wordings as a list"
    ]
    good = wordings_spec("variants:\n  doc:\n    - message: Other words.\n")
    assert spec_errors(good) == []
    (row,) = [r for r in catalog(good).reasons if r.subcode == 4507]
    assert [(w.message, w.events, w.sources) for w in row.wordings] == [
        (
            "Call ended as application didn't provide valid token.",
            ("AnswerFailed",),
            ("doc",),
        ),
        ("Other words.", (), ("doc",)),
    ]


def test_a_wording_given_twice_and_a_bad_category_in_a_list_are_located() -> None:
    assert spec_errors(
        wordings_spec(
            "variants:\n  doc:\n    - message: Other words.\n"
            "    - message: Other  words.\n"
            "    - message: Third.\n"
            "      result_category: Sucess\n"
        )
    ) == [
        "codes.yaml:53:11: error: wording 2 of 'doc' repeats one the entry already "
        "gives for that source; remove it",
        "codes.yaml:55:28: error: unknown result category 'Sucess'; did you mean "
        "'Success'?",
    ]


def test_import_doc_takes_a_folder_and_prints_one_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec, folder = tmp_path / "codes.yaml", tmp_path / "docs"
    folder.mkdir()
    spec.write_text(SPEC, encoding="utf-8")
    (folder / "page.md").write_text(PAGE, encoding="utf-8")
    include = PAGE.replace(TITLE, "Call Automation codes").split("---\n\n:::zone")[0]
    (folder / "include.md").write_text(include, encoding="utf-8")
    (folder / "index.md").write_text("# Nothing here\n", encoding="utf-8")
    assert main(["import-doc", str(folder), "--spec", str(spec)]) == 0
    captured = capsys.readouterr()
    assert "index.md: note: no table; passed over" in captured.err
    out = captured.out.splitlines()
    assert out[-1].endswith("2 documents; 6 added, 4 changed, 0 removed; 6 to review")
    sources = [s["id"] for s in data(spec.read_text(encoding="utf-8"))["sources"]]
    assert sources == [
        "doc",
        "call-automation-codes",
        "troubleshooting-codes-for-"
        "calling-sdk-call-automation-sdk-pstn-chat-sdk-and-sms-sdk",
    ]
    written = spec.read_text(encoding="utf-8")
    assert main(["import-doc", str(folder), "--spec", str(spec)]) == 0
    assert spec.read_text(encoding="utf-8") == written
    again = capsys.readouterr().out
    assert "0 added, 0 changed, 0 removed" in again
    assert "disagree" not in again
    assert main(["import-doc", str(folder), "--spec", str(spec), "--verbose"]) == 0
    assert "  disagree reason 400/8523" in capsys.readouterr().out


def test_source_with_several_documents_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import-doc", "a.md", "b.md", "--source", "x"]) == 2
    assert "give one DOC.md" in capsys.readouterr().err


def test_a_page_of_tables_without_rows_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec, doc = tmp_path / "codes.yaml", tmp_path / "doc.md"
    spec.write_text(SPEC, encoding="utf-8")
    doc.write_text(
        "| Code | Subcode | Message | Code |\n|---|---|---|---|\n", encoding="utf-8"
    )
    assert main(["import-doc", str(doc), "--spec", str(spec)]) == 1
    assert "a code table with no row read" in capsys.readouterr().err
    assert spec.read_text(encoding="utf-8") == SPEC


def test_import_keeps_the_layout_of_what_it_does_not_change() -> None:
    # A summary written over several lines, a row that changes beside it, and
    # the last entry of a list right before the next key: all kept as written.
    folded = (
        "    summary: The client could not authenticate,\n"
        "      for example with an expired token.\n"
    )
    spec = SPEC.replace("    summary: The client could not authenticate.\n", folded)
    doc = DOC + "| 4508 | 495 | Token expired. | UnxpectedClientError | |\n"
    result = merge_doc(spec, "codes.yaml", read(doc))
    assert folded in result.text
    assert (
        "    advice: Refresh the token.\n\n  - code: 495\n    subcode: 4508"
        in result.text
    )
    assert result.text.startswith(spec[: spec.index("\ncodes:")])
    assert result.text.endswith("UnexpectedClientError\n")
    again = merge_doc(result.text, "codes.yaml", read(doc))
    assert again.text == result.text


def test_what_a_page_says_of_a_class_of_codes_is_kept() -> None:
    page = PAGE.replace(
        "---\n\n:::zone",
        "#### 4xx codes\nA 4xx Code represents a client error.\n\n"
        "```\n#### 5xx codes\nnot a heading\n```\n\n---\n\n:::zone",
    )
    doc = read(page)
    assert [(c.digit, c.message) for c in doc.classes] == [
        (4, "A 4xx Code represents a client error.")
    ]
    text = merge_doc(page_spec(), "codes.yaml", read(page)).text
    (client,) = catalog(text).code_classes
    assert client.message == "A 4xx Code represents a client error."
    assert len(client.sources) == 1
    # A later version without the sentence takes it away, the class stays.
    gone = merge_doc(text, "codes.yaml", read(PAGE))
    assert "code class CLIENT_ERROR: words no longer given" in gone.changed
    assert catalog(gone.text).code_classes[0].message is None
