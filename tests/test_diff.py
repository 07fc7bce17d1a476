"""diff: entry-by-entry changes between two catalogs, the semver bump, the gate."""

from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path

import pytest

from codegen.changes import CatalogDiff
from codegen.cli import main
from codegen.diff import diff_catalogs
from codegen.loader import parse_spec
from codegen.model import Catalog, build_catalog
from codegen.validate import validate_spec

BASE = textwrap.dedent("""\
    sources:
      - id: doc
        title: Call codes
        date: "2024-10-15"
    result_categories:
      - name: SUCCESS
        value: Success
        description: Fine.
      - name: EXPECTED_ERROR
        value: ExpectedError
        description: Expected.
    code_classes:
      - name: CLIENT_ERROR
        first: 400
        last: 499
        description: Client error
    codes:
      - code: 0
        name: CALL_ENDED
        summary: The call ended.
      - code: 404
        name: CALL_NOT_FOUND
        summary: No such call.
        message: Call not found.
      - code: 495
        name: AUTHENTICATION_FAILED
        summary: No valid token.
    reasons:
      - code: 0
        subcode: 0
        name: UNSPECIFIED
        message: Call ended.
        result_category: Success
      - code: 495
        subcode: 4507
        name: TOKEN_INVALID
        message: Token invalid.
        result_category: ExpectedError
        advice: Refresh it.
    """)

NEW_REASON = """\
  - code: 495
    subcode: 4508
    name: TOKEN_EXPIRED
    message: Token expired.
    result_category: ExpectedError
"""


def catalog(text: str) -> Catalog:
    document = parse_spec(text.encode("utf-8"), "codes.yaml")
    assert validate_spec(document) == []
    return build_catalog(document)


def diff(new: str, old: str = BASE) -> CatalogDiff:
    return diff_catalogs(catalog(old), catalog(new))


def lines(new: str, old: str = BASE) -> list[str]:
    return diff(new, old).report()


def test_no_changes() -> None:
    assert lines(BASE) == ["semver: none (no changes)"]


def test_added_subcode_is_minor() -> None:
    result = diff(BASE + NEW_REASON)
    assert (result.breaking, result.bump) == (False, "minor")
    assert result.report() == [
        "ok       added         SubCode.TOKEN_EXPIRED (4508): exhaustive matches must handle it",
        "semver: minor (compatible)",
    ]


def test_added_code_and_code_level_row_are_minor() -> None:
    new = BASE.replace(
        "    summary: No valid token.\n",
        "    summary: No valid token.\n"
        "    message: Authentication failed.\n"
        "  - code: 603\n    name: DECLINED\n    summary: Declined.\n",
    )
    assert lines(new) == [
        "ok       added         Code.DECLINED (603): exhaustive matches must handle it",
        "ok       added         Code.AUTHENTICATION_FAILED (495): code-level row",
        "semver: minor (compatible)",
    ]


def test_removed_subcode_is_breaking() -> None:
    new = BASE.replace(BASE[BASE.index("  - code: 495\n    subcode") :], "")
    result = diff(new)
    assert (result.breaking, result.bump) == (True, "major")
    assert result.report() == [
        "breaking removed       SubCode.TOKEN_INVALID (4507)",
        "semver: major (1 breaking change)",
    ]


def test_removed_code_level_row_is_breaking() -> None:
    new = BASE.replace("    message: Call not found.\n", "")
    assert lines(new) == [
        "breaking removed       Code.CALL_NOT_FOUND (404): code-level row",
        "semver: major (1 breaking change)",
    ]


def test_renamed_member_is_breaking() -> None:
    new = BASE.replace("name: TOKEN_INVALID", "name: TOKEN_REJECTED")
    assert lines(new) == [
        "breaking renamed       SubCode.TOKEN_INVALID -> SubCode.TOKEN_REJECTED (4507)",
        "semver: major (1 breaking change)",
    ]


def test_rename_keeping_the_old_name_as_alias_is_compatible() -> None:
    new = BASE.replace(
        "name: TOKEN_INVALID", "name: TOKEN_REJECTED\n    aliases: [TOKEN_INVALID]"
    ).replace(
        "name: CALL_NOT_FOUND", "name: CALL_MISSING\n    aliases: [CALL_NOT_FOUND]"
    )
    result = diff(new)
    assert (result.breaking, result.bump) == (False, "minor")
    assert result.report() == [
        "ok       renamed       Code.CALL_NOT_FOUND -> Code.CALL_MISSING (404): old name kept as an alias; exhaustive matches name the new one",
        "ok       renamed       SubCode.TOKEN_INVALID -> SubCode.TOKEN_REJECTED (4507): old name kept as an alias; exhaustive matches name the new one",
        "semver: minor (compatible)",
    ]


def test_dropping_an_alias_is_breaking() -> None:
    old = BASE.replace("name: TOKEN_INVALID", "name: TOKEN_INVALID\n    aliases: [OLD]")
    assert lines(BASE, old) == [
        "breaking removed       SubCode.OLD (4507): alias of SubCode.TOKEN_INVALID",
        "semver: major (1 breaking change)",
    ]


def test_moved_subcode_is_breaking() -> None:
    new = BASE.replace(
        "  - code: 495\n    subcode: 4507", "  - code: 0\n    subcode: 4507"
    )
    assert lines(new) == [
        "breaking moved         SubCode.TOKEN_INVALID (4507): "
        "Code.AUTHENTICATION_FAILED (495) -> Code.CALL_ENDED (0)",
        "semver: major (1 breaking change)",
    ]


def test_renumbered_member_is_breaking() -> None:
    new = BASE.replace("subcode: 4507", "subcode: 4509")
    assert lines(new) == [
        "breaking renumbered    SubCode.TOKEN_INVALID: 4507 -> 4509",
        "semver: major (1 breaking change)",
    ]


def test_rewording_is_a_patch() -> None:
    new = BASE.replace(
        "message: Token invalid.", "message: The token is invalid."
    ).replace("advice: Refresh it.", "advice: Refresh the token.")
    result = diff(new)
    assert (result.breaking, result.bump) == (False, "patch")
    assert result.report() == [
        "ok       reworded      SubCode.TOKEN_INVALID (4507) with "
        "Code.AUTHENTICATION_FAILED (495): message, advice",
        "semver: patch (compatible)",
    ]


def test_new_category_of_a_reason_is_a_patch() -> None:
    new = BASE.replace("result_category: ExpectedError", "result_category: Success")
    assert lines(new) == [
        "ok       recategorized SubCode.TOKEN_INVALID (4507) with "
        "Code.AUTHENTICATION_FAILED (495): EXPECTED_ERROR -> SUCCESS",
        "semver: patch (compatible)",
    ]


def test_breaking_wins_over_additions() -> None:
    new = BASE.replace("name: TOKEN_INVALID", "name: TOKEN_REJECTED") + NEW_REASON
    result = diff(new)
    assert (result.breaking, result.bump) == (True, "major")
    assert len(result.changes) == 2


# --- the command ------------------------------------------------------------------


@pytest.fixture
def specs(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(BASE, encoding="utf-8")
    new.write_text(BASE, encoding="utf-8")
    return old, new


def run(args: list[str]) -> int:
    return main(["diff", *args])


def test_exit_0_when_compatible(
    specs: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = specs
    new.write_text(BASE + NEW_REASON, encoding="utf-8")
    assert run([str(old), str(new)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "semver: minor (compatible)"


def test_exit_1_when_breaking(
    specs: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = specs
    new.write_text(BASE.replace("name: TOKEN_INVALID", "name: X"), encoding="utf-8")
    assert run([str(old), str(new)]) == 1
    assert (
        capsys.readouterr().out.splitlines()[-1] == "semver: major (1 breaking change)"
    )


def test_exit_1_for_an_invalid_spec(
    specs: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    old, new = specs
    monkeypatch.chdir(old.parent)
    new.write_text(BASE.replace("name: TOKEN_INVALID", "name: bad"), encoding="utf-8")
    assert run(["old.yaml", "new.yaml"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "new.yaml:36:11: error: name 'bad' is not an UPPER_SNAKE identifier "
        "(capital letters, digits and underscores, starting with a letter)",
        "1 error; nothing compared",
    ]


@pytest.mark.parametrize("args", [[], ["one.yaml"], ["--against", "HEAD", "a", "b"]])
def test_exit_2_for_usage_errors(args: list[str]) -> None:
    assert run(args) == 2


def test_against_a_git_revision(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    spec = tmp_path / "spec" / "codes.yaml"
    spec.parent.mkdir()
    spec.write_text(BASE, encoding="utf-8")

    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@t.invalid", *args],
            check=True,
            capture_output=True,
        )

    git("init", "-q")
    git("add", "spec/codes.yaml")
    git("commit", "-qm", "catalog")
    spec.write_text(
        BASE.replace("name: TOKEN_INVALID", "name: TOKEN_REJECTED"), encoding="utf-8"
    )
    assert run(["--against", "HEAD"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "HEAD:spec/codes.yaml -> spec/codes.yaml",
        "breaking renamed       SubCode.TOKEN_INVALID -> SubCode.TOKEN_REJECTED (4507)",
        "semver: major (1 breaking change)",
    ]
    assert run(["--against", "no-such-ref"]) == 1
    assert (
        capsys.readouterr()
        .err.splitlines()[0]
        .startswith("no-such-ref:spec/codes.yaml: error: cannot read it from git:")
    )


def test_a_category_whose_outcome_changes_breaks() -> None:
    # ExpectedError is an error by its spelling; declared a success, every
    # is_error on its reasons flips.
    new = BASE.replace(
        "    value: ExpectedError\n", "    value: ExpectedError\n    outcome: success\n"
    )
    assert lines(new) == [
        "breaking recategorized ResultCategory.EXPECTED_ERROR: outcome expected_error"
        " -> success: its predicates answer otherwise",
        "semver: major (1 breaking change)",
    ]


# --- categories that come and go ------------------------------------------------


def test_a_reason_that_loses_its_category_breaks() -> None:
    # Its predicates answered True or False and now answer None: a plain
    # `if reason.is_error:` takes the other branch.
    new = BASE.replace("    result_category: ExpectedError\n", "")
    result = diff(new)
    assert (result.breaking, result.bump) == (True, "major")
    assert result.report() == [
        "breaking removed       SubCode.TOKEN_INVALID (4507) with "
        "Code.AUTHENTICATION_FAILED (495): result category EXPECTED_ERROR: its "
        "predicates answer None (not known), not a bool",
        "semver: major (1 breaking change)",
    ]


def test_a_reason_that_gains_a_category_is_minor() -> None:
    old = BASE.replace("    result_category: ExpectedError\n", "")
    assert lines(BASE, old) == [
        "ok       added         SubCode.TOKEN_INVALID (4507) with "
        "Code.AUTHENTICATION_FAILED (495): result category EXPECTED_ERROR: its "
        "predicates answer a bool, not None",
        "semver: minor (compatible)",
    ]


#: BASE's client errors, as a class whose words give a category.
CLASS_WORDS = BASE.replace(
    "    description: Client error\n",
    "    description: Client error\n"
    "    message: A 4xx code is an expected error, say.\n"
    "    result_category: ExpectedError\n",
)


def test_a_class_that_gains_a_category_is_minor() -> None:
    assert CLASS_WORDS != BASE
    assert lines(CLASS_WORDS) == [
        "ok       added         CodeClass.CLIENT_ERROR: result category "
        "EXPECTED_ERROR: its predicates answer a bool, not None",
        "semver: minor (compatible)",
    ]


def test_a_class_that_loses_its_category_breaks() -> None:
    result = diff(BASE, CLASS_WORDS)
    assert (result.breaking, result.bump) == (True, "major")


# --- several sources ------------------------------------------------------------

TWO_SOURCES = (
    BASE.replace(
        '    date: "2024-10-15"\n',
        '    date: "2024-10-15"\n'
        "  - id: other\n"
        "    title: Other codes\n"
        '    date: "2024-05-13"\n'
        "precedence: [doc, other]\n",
    )
    .replace(
        "    message: Call not found.\n",
        "    sources: [doc]\n    message: Call not found.\n",
    )
    .replace(
        "    message: Call ended.\n",
        "    sources: [doc, other]\n    message: Call ended.\n",
    )
    .replace(
        "    message: Token invalid.\n",
        "    sources: [other]\n    message: Token invalid.\n",
    )
)


def test_the_two_source_catalog_is_valid() -> None:
    assert [s.id for s in catalog(TWO_SOURCES).sources] == ["doc", "other"]
    assert lines(TWO_SOURCES, TWO_SOURCES) == ["semver: none (no changes)"]


def test_other_sources_for_a_reason_are_a_patch() -> None:
    new = TWO_SOURCES.replace("    sources: [other]\n", "    sources: [doc, other]\n")
    result = diff(new, TWO_SOURCES)
    assert (result.breaking, result.bump) == (False, "patch")
    assert result.report() == [
        "ok       reattributed  SubCode.TOKEN_INVALID (4507) with "
        "Code.AUTHENTICATION_FAILED (495): sources other -> doc, other",
        "semver: patch (compatible)",
    ]


def test_a_prefer_that_changes_whose_words_a_reason_says_is_a_patch() -> None:
    new = TWO_SOURCES.replace(
        "    sources: [doc, other]\n", "    sources: [doc, other]\n    prefer: other\n"
    )
    assert lines(new, TWO_SOURCES) == [
        "ok       reattributed  SubCode.UNSPECIFIED (0) with Code.CALL_ENDED (0): "
        "sources doc, other -> other, doc",
        "semver: patch (compatible)",
    ]


def test_other_sources_for_a_code_level_row_are_a_patch() -> None:
    new = TWO_SOURCES.replace(
        "    sources: [doc]\n    message: Call not found.\n",
        "    sources: [other, doc]\n    message: Call not found.\n",
    )
    assert lines(new, TWO_SOURCES) == [
        "ok       reattributed  Code.CALL_NOT_FOUND (404) code-level row: "
        "sources doc -> doc, other",
        "semver: patch (compatible)",
    ]


def test_an_added_source_is_minor() -> None:
    # BASE's entries leave their one source unsaid; with two, each names its own.
    result = diff(TWO_SOURCES)
    assert (result.breaking, result.bump) == (False, "minor")
    assert result.report() == [
        "ok       added         SOURCES['other']: Other codes",
        "ok       reattributed  SubCode.UNSPECIFIED (0) with Code.CALL_ENDED (0): "
        "sources doc -> doc, other",
        "ok       reattributed  SubCode.TOKEN_INVALID (4507) with "
        "Code.AUTHENTICATION_FAILED (495): sources doc -> other",
        "semver: minor (compatible)",
    ]


def test_a_removed_source_breaks() -> None:
    assert lines(BASE, TWO_SOURCES)[:2] == [
        "breaking removed       SOURCES['other']: Other codes",
        "ok       reattributed  SubCode.UNSPECIFIED (0) with Code.CALL_ENDED (0): "
        "sources doc, other -> doc",
    ]
    assert diff(BASE, TWO_SOURCES).bump == "major"


def test_a_source_of_another_date_is_a_patch() -> None:
    new = TWO_SOURCES.replace('date: "2024-05-13"', 'date: "2025-03-20"').replace(
        "title: Other codes", "title: More codes"
    )
    assert lines(new, TWO_SOURCES) == [
        "ok       updated       SOURCES['other']: title, date 2024-05-13 -> 2025-03-20",
        "semver: patch (compatible)",
    ]


def test_a_new_precedence_is_a_patch_and_names_what_follows() -> None:
    new = TWO_SOURCES.replace("precedence: [doc, other]", "precedence: [other, doc]")
    result = diff(new, TWO_SOURCES)
    assert (result.breaking, result.bump) == (False, "patch")
    assert result.report() == [
        "ok       reordered     SOURCES: precedence doc, other -> other, doc",
        "ok       reattributed  SubCode.UNSPECIFIED (0) with Code.CALL_ENDED (0): "
        "sources doc, other -> other, doc",
        "semver: patch (compatible)",
    ]


# --- subcodes whatever the code, and subcode rules ------------------------------

GENERIC = """\
subcodes:
  - subcode: 4507
    name: TOKEN_INVALID
    message: Invalid token, whatever the code.
"""

RULE = """\
subcode_rules:
  - name: SBC_OUTBOUND_SIP_RESPONSE
    prefix: 560
    digits: 3
    reads: sip_status
    direction: outbound
    message: The SBC sent this SIP response.
"""


def test_an_added_subcode_meaning_is_minor() -> None:
    assert lines(BASE + GENERIC) == [
        "ok       added         SubCode.TOKEN_INVALID (4507): meaning whatever the "
        "code (SUBCODE_INFO)",
        "semver: minor (compatible)",
    ]


def test_a_removed_subcode_meaning_breaks() -> None:
    # SUBCODE_INFO[SubCode.TOKEN_INVALID] was there to read.
    assert lines(BASE, BASE + GENERIC) == [
        "breaking removed       SubCode.TOKEN_INVALID (4507): meaning whatever the "
        "code (SUBCODE_INFO)",
        "semver: major (1 breaking change)",
    ]


def test_a_reworded_subcode_meaning_is_a_patch() -> None:
    new = BASE + GENERIC.replace("Invalid token,", "The token is invalid,")
    assert lines(new, BASE + GENERIC) == [
        "ok       reworded      SubCode.TOKEN_INVALID (4507) whatever the code: message",
        "semver: patch (compatible)",
    ]


def test_a_meaning_restricted_to_a_code_class_is_minor() -> None:
    # explain answers some pairs by their code instead: answers are taken away,
    # so more than a patch; nothing to read is gone, so not breaking.
    new = BASE + GENERIC + "    code_class: CLIENT_ERROR\n"
    assert lines(new, BASE + GENERIC) == [
        "ok       restricted    SubCode.TOKEN_INVALID (4507) whatever the code: "
        "every code -> CLIENT_ERROR",
        "semver: minor (compatible)",
    ]


def test_an_added_rule_is_minor() -> None:
    assert lines(BASE + RULE) == [
        "ok       added         SubCodeRule SBC_OUTBOUND_SIP_RESPONSE (560000-560999)",
        "semver: minor (compatible)",
    ]


def test_a_removed_rule_breaks() -> None:
    assert lines(BASE, BASE + RULE) == [
        "breaking removed       SubCodeRule SBC_OUTBOUND_SIP_RESPONSE (560000-560999)",
        "semver: major (1 breaking change)",
    ]


def test_a_rule_that_reads_otherwise_breaks() -> None:
    new = BASE + RULE.replace("prefix: 560", "prefix: 540").replace(
        "direction: outbound", "direction: inbound"
    )
    assert lines(new, BASE + RULE) == [
        "breaking renumbered    SubCodeRule SBC_OUTBOUND_SIP_RESPONSE: "
        "560000-560999 -> 540000-540999",
        "breaking redefined     SubCodeRule SBC_OUTBOUND_SIP_RESPONSE (540000-540999): "
        "direction outbound -> inbound",
        "semver: major (2 breaking changes)",
    ]


def test_a_renamed_rule_breaks() -> None:
    new = BASE + RULE.replace("SBC_OUTBOUND_SIP_RESPONSE", "SBC_SIP_RESPONSE")
    assert lines(new, BASE + RULE) == [
        "breaking renamed       SubCodeRule SBC_OUTBOUND_SIP_RESPONSE -> SBC_SIP_RESPONSE",
        "semver: major (1 breaking change)",
    ]


def test_a_reworded_rule_is_a_patch() -> None:
    new = BASE + RULE.replace("this SIP response.", "this SIP response code.")
    assert lines(new, BASE + RULE) == [
        "ok       reworded      SubCodeRule SBC_OUTBOUND_SIP_RESPONSE (560000-560999): "
        "message",
        "semver: patch (compatible)",
    ]


SIGNALLING = """\
references:
  - {id: rfc3261, title: SIP, url: "https://example.invalid/3261"}
  - {id: q850, title: Q.850, url: "https://example.invalid/q850"}
  - {id: rfc3398, title: ISUP to SIP, url: "https://example.invalid/3398"}
sip_statuses:
  registry: rfc3261
  statuses:
    - {code: 486, name: BUSY_HERE, phrase: Busy Here, reference: rfc3261}
    - {code: 603, name: DECLINE, phrase: Decline, reference: rfc3261}
q850_causes:
  reference: q850
  sip_mapping: rfc3398
  causes:
    - {cause: 17, name: USER_BUSY, phrase: User busy, sip: 486}
"""


def test_sip_and_q850_members_are_compared_like_codes() -> None:
    old = BASE + SIGNALLING
    added = old.replace(
        "    - {cause: 17,",
        "    - {cause: 16, name: NORMAL_CALL_CLEARING, phrase: Normal call clearing}\n"
        "    - {cause: 17,",
    )
    assert lines(added, old) == [
        "ok       added         Q850Cause.NORMAL_CALL_CLEARING (16): exhaustive matches must handle it",
        "semver: minor (compatible)",
    ]
    removed = old.replace(
        "    - {code: 603, name: DECLINE, phrase: Decline, reference: rfc3261}\n", ""
    )
    assert lines(removed, old) == [
        "breaking removed       SipStatus.DECLINE (603)",
        "semver: major (1 breaking change)",
    ]
    reworded = old.replace("phrase: Decline,", "phrase: Declined,").replace(
        "sip: 486}", "sip: 603}"
    )
    assert lines(reworded, old) == [
        "ok       reworded      SipStatus.DECLINE (603): phrase",
        "ok       reworded      Q850Cause.USER_BUSY (17): sip",
        "semver: patch (compatible)",
    ]


def test_a_wording_added_or_taken_away_is_minor() -> None:
    # A pair documented once more (another callback event's row) adds an
    # answer; the row gone takes it away: minor both ways, nothing breaks.
    worded = BASE.replace(
        "    advice: Refresh it.\n",
        "    advice: Refresh it.\n    events: [AnswerFailed]\n"
        "    variants:\n      doc:\n        - message: Token expired in the call.\n"
        "          events: [CallDisconnected]\n",
    )
    added = diff(worded)
    assert added.report() == [
        "ok       added         SubCode.TOKEN_INVALID (4507) with "
        "Code.AUTHENTICATION_FAILED (495): wording 'Token expired in the call.' "
        "(CallDisconnected)",
        "semver: minor (compatible)",
    ]
    removed = diff(BASE, worded)
    assert removed.report()[0].startswith(
        "ok       removed       SubCode.TOKEN_INVALID"
    )
    assert (removed.breaking, removed.bump) == (False, "minor")
