"""The explain ladder's choices (runtime/explain.py, as the module has it):
which wording of a row an answer says and why, the category a wording brings
(its own row's, never across outcomes), the SIP and Q.850 details each without
the other, the SBC rule without a direction, and which answers are kept once
made.

Examples are chosen by kind from the catalog (a code-level row worded twice, a
subcode documented under one failing code only, ...), never by number. Where
the catalog has no example of a kind its format allows (a wording with a
category of its own, a rule without a direction), the test gives the module
one for its duration.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterator

import acs_call_codes as m
import pytest
from acs_call_codes import (
    CallEndReason,
    MatchLevel,
    PayloadError,
    ResultCategory,
    Wording,
    WordingChoice,
    explain,
    explain_payload,
)
from spec_examples import PLAIN_REASON

PLAIN = (PLAIN_REASON.code, PLAIN_REASON.subcode)


def _words(text: str) -> str:
    return " " + " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split()) + " "


def _apart(one: Wording, other: Wording) -> bool:
    """Whether neither wording's words hold the other's: a message that says
    one of them names it alone."""
    a, b = _words(one.message), _words(other.message)
    return a not in b and b not in a


def _rows_of_subcode() -> Counter[int]:
    return Counter(int(subcode) for _, subcode in m.CALL_END_REASONS)


def _succeeds(code: int) -> bool:
    if code == 0:
        return True
    category = explain(code).result_category
    return category is not None and category.is_success


#: A failing code in a class's range that the catalog does not know, whose
#: class gives no category: what it says comes from a subcode, or nothing.
FAILING_CLASS_CODE = next(
    code
    for code in range(400, 700)
    if explain(code).match is MatchLevel.CODE_CLASS
    and explain(code).result_category is None
)

#: A code in the success class's range that the catalog does not know: the
#: class's words give it a category.
SUCCEEDING_CLASS_CODE = next(
    code
    for code in range(200, 300)
    if explain(code).match is MatchLevel.CODE_CLASS
    and explain(code).class_info is not None
)


def _code_worded_twice() -> int:
    for code, info in m.CODE_INFO.items():
        if len(info.wordings) > 1 and _apart(info.wordings[0], info.wordings[1]):
            return int(code)
    raise AssertionError("no code-level row is worded twice")


def _lent_row(success: bool) -> CallEndReason:
    """The row of a subcode that only one row documents, under a code on the
    success side (``success``) or not, with a category and two wordings apart."""
    count = _rows_of_subcode()
    for (code, subcode), row in m.CALL_END_REASONS.items():
        if (
            count[int(subcode)] == 1
            and _succeeds(int(code)) is success
            and row.result_category is not None
            and len(row.wordings) > 1
            and _apart(row.wordings[0], row.wordings[1])
            and explain(FAILING_CLASS_CODE, int(subcode)).match is MatchLevel.SUBCODE
        ):
            return row
    raise AssertionError(f"no subcode documented once under a code of {success=}")


# --- which wording -------------------------------------------------------------


def test_a_code_level_row_is_worded_as_a_pair_s_row_is() -> None:
    code = _code_worded_twice()
    info = m.CODE_INFO[code]
    plain = explain(code)
    assert plain.match is MatchLevel.CODE and plain.code_info == info
    assert (plain.wording, plain.wording_choice) == (
        info.wordings[0],
        WordingChoice.FIRST,
    )
    said = explain_payload({"code": code, "message": info.wordings[1].message})
    assert (said.wording, said.wording_choice) == (
        info.wordings[1],
        WordingChoice.MESSAGE,
    )
    assert said.message == info.wordings[1].message
    # Only the wording and what it brings change: the rest is explain's answer.
    assert (
        dataclasses.replace(
            said,
            message=plain.message,
            advice=plain.advice,
            result_category=plain.result_category,
            wording=plain.wording,
            wording_choice=plain.wording_choice,
        )
        == plain
    )


def _unlisted(rule: m.SubCodeRule) -> Iterator[int]:
    """The subcodes of ``rule``'s range that no row documents."""
    rows = _rows_of_subcode()
    return (n for n in range(rule.first, rule.last + 1) if n not in rows)


def test_answers_without_a_row_have_no_wording() -> None:
    rule = m.SUBCODE_RULES[0]
    rows = _rows_of_subcode()
    generic = next(
        int(subcode)
        for subcode, info in m.SUBCODE_INFO.items()
        if info.code_class is None and int(subcode) not in rows
    )
    for found in (
        explain(987654),  # no class
        explain(FAILING_CLASS_CODE),  # its class
        explain(FAILING_CLASS_CODE, next(_unlisted(rule))),
        explain(FAILING_CLASS_CODE, generic),
    ):
        assert found.reason is None and found.code_info is None, found
        assert (found.wording, found.wording_choice) == (None, None), found


def test_a_row_worded_once_says_it_whatever_the_event() -> None:
    once = [
        (pair, row)
        for pair, row in m.CALL_END_REASONS.items()
        if len(row.wordings) == 1 and row.wordings[0].events
    ]
    assert once
    for (code, subcode), row in once:
        found = explain(code, subcode, event=row.wordings[0].events[0])
        assert (found.wording, found.wording_choice) == (
            row.wordings[0],
            WordingChoice.ONLY,
        )


def _first_named() -> Iterator[tuple[tuple[int, int], str]]:
    """Pairs worded several times whose first wording an event names that no
    other wording of the pair names, and that event."""
    for pair, row in m.CALL_END_REASONS.items():
        first, *others = row.wordings
        for event in first.events:
            if others and not any(event in w.events for w in others):
                yield pair, event
                break


def test_an_event_that_names_the_first_wording_says_so() -> None:
    named = list(_first_named())
    assert named
    for (code, subcode), event in named:
        row = m.CALL_END_REASONS[(code, subcode)]
        found = explain(code, subcode, event=f"Microsoft.Communication.{event}")
        assert (found.wording, found.wording_choice) == (
            row.wordings[0],
            WordingChoice.EVENT,
        )
        assert found.message == row.message


def _one_named() -> Iterator[tuple[tuple[int, int], Wording, str, Wording]]:
    """A wording an event names alone, the event, and another wording apart
    from it."""
    for pair, row in m.CALL_END_REASONS.items():
        for wording in row.wordings:
            for event in wording.events:
                naming = [w for w in row.wordings if event in w.events]
                others = [w for w in row.wordings if w is not wording]
                other = next((w for w in others if _apart(w, wording)), None)
                if naming == [wording] and other is not None:
                    yield pair, wording, event, other
                    break


def test_the_event_comes_before_the_message() -> None:
    named = list(_one_named())
    assert named
    for (code, subcode), wording, event, other in named:
        for message in (wording.message, other.message):
            found = explain_payload(
                {
                    "type": f"Microsoft.Communication.{event}",
                    "data": {
                        "resultInformation": {
                            "code": code,
                            "subCode": subcode,
                            "message": message,
                        }
                    },
                }
            )
            assert (found.wording, found.wording_choice) == (
                wording,
                WordingChoice.EVENT,
            )


def _ties() -> Iterator[tuple[tuple[int, int], Wording, Wording]]:
    """Two wordings of a pair as long as each other in words (the same words
    with other punctuation, or other words), the first by precedence first."""
    for pair, row in m.CALL_END_REASONS.items():
        for at, one in enumerate(row.wordings):
            for other in row.wordings[at + 1 :]:
                if len(_words(one.message)) == len(_words(other.message)):
                    yield pair, one, other


def test_of_two_wordings_as_long_the_message_holds_the_first_answers() -> None:
    ties = list(_ties())
    assert ties
    for (code, subcode), one, other in ties:
        if _words(one.message) == _words(other.message):
            # The message says both: either's text, punctuation aside.
            messages = [one.message, other.message]
        else:
            messages = [
                f"{one.message} {other.message}",
                f"{other.message} {one.message}",
            ]
        for message in messages:
            found = explain_payload(
                {"code": code, "subCode": subcode, "message": message}
            )
            assert (found.wording, found.wording_choice) == (one, WordingChoice.MESSAGE)
            assert found.advice == (one.advice or explain(code, subcode).advice)


def test_the_message_is_matched_whatever_its_punctuation_and_what_comes_first() -> None:
    (code, subcode), wording, _, other = next(_one_named())
    for said in (other, wording):
        plain = re.sub(r"[\W_]+", " ", said.message).strip()
        slashed = re.sub(r"[\W_]+", " / ", said.message)
        assert plain != said.message  # the wording has punctuation of its own
        for message in (plain, f"Call failed; {plain}", f"Call failed -- {slashed}"):
            found = explain_payload(
                {"code": code, "subCode": subcode, "message": message}
            )
            assert (found.wording, found.wording_choice) == (
                said,
                WordingChoice.MESSAGE,
            )


# --- which category ------------------------------------------------------------


def test_a_subcode_documented_once_lends_its_row_within_the_same_outcome() -> None:
    row = _lent_row(success=False)
    found = explain(FAILING_CLASS_CODE, int(row.subcode))
    assert (found.match, found.reason) == (MatchLevel.SUBCODE, row)
    assert found.message == row.message
    assert found.result_category == row.result_category
    assert (found.wording, found.wording_choice) == (
        row.wordings[0],
        WordingChoice.FIRST,
    )


def test_a_success_row_lends_no_category_to_a_failing_code() -> None:
    row = _lent_row(success=True)
    assert row.result_category is not None and row.result_category.is_success
    subcode = int(row.subcode)
    found = explain(FAILING_CLASS_CODE, subcode)
    assert (found.match, found.reason) == (MatchLevel.SUBCODE, row)
    assert found.result_category is None  # the class gives none
    # Nor does another wording of that row, chosen by the message.
    for wording in row.wordings[1:]:
        said = explain_payload(
            {"code": FAILING_CLASS_CODE, "subCode": subcode, "message": wording.message}
        )
        assert said.wording_choice is WordingChoice.MESSAGE
        assert said.result_category is None, wording
    # Under a success code the row lends it, and the class's words are not
    # what gave it.
    lent = explain(SUCCEEDING_CLASS_CODE, subcode)
    assert (lent.match, lent.result_category) == (
        MatchLevel.SUBCODE,
        row.result_category,
    )
    assert lent.class_info is None


@pytest.fixture
def fresh_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    """explain with nothing kept: the answers made in the test are its own."""
    monkeypatch.setattr(m, "_EXPLAINED", {})
    monkeypatch.setattr(m, "_cached_by_subcode", [0])


@pytest.mark.usefixtures("fresh_answers")
def test_a_wording_s_own_category_answers_for_its_own_row(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A pair worded twice, the second wording with a category of its own
    # (a document that files the same pair under another category).
    (code, subcode), row = next(
        (pair, row)
        for pair, row in m.CALL_END_REASONS.items()
        if len(row.wordings) > 1
        and row.result_category is not None
        and _apart(row.wordings[0], row.wordings[1])
    )
    other = next(c for c in ResultCategory if c is not row.result_category)
    first, second = row.wordings[:2]
    second = dataclasses.replace(second, result_category=other)
    monkeypatch.setitem(
        m._WORDINGS_MADE, (int(code), int(subcode)), (first, second, *row.wordings[2:])
    )
    said = explain_payload(
        {"code": code, "subCode": subcode, "message": second.message}
    )
    assert (said.wording, said.wording_choice) == (second, WordingChoice.MESSAGE)
    assert said.result_category is other
    # The first wording, the row's own, keeps the row's.
    assert explain(code, subcode).result_category is row.result_category


# --- SIP and Q.850 details -----------------------------------------------------


@pytest.mark.parametrize(
    ("details", "sip", "q850"),
    [
        (
            {"sipDetails": {"code": 486, "message": "Busy Here"}},
            (486, "Busy Here"),
            None,
        ),
        (
            {"q850Details": {"code": 17, "message": "User busy"}},
            None,
            (17, "User busy"),
        ),
        (
            {"sipDetails": {"code": 486}, "q850Details": {"code": 17}},
            (486, None),
            (17, None),
        ),
        ({}, None, None),
    ],
    ids=["sip", "q850", "both", "neither"],
)
def test_sip_and_q850_details_each_without_the_other(
    details: dict[str, object],
    sip: tuple[int, str | None] | None,
    q850: tuple[int, str | None] | None,
) -> None:
    code, subcode = PLAIN
    found = explain_payload({"code": code, "subCode": subcode, **details})
    assert found.sip_details == (None if sip is None else m.SipDetails(*sip))
    assert found.q850_details == (None if q850 is None else m.Q850Details(*q850))
    assert dataclasses.replace(found, sip_details=None, q850_details=None) == explain(
        code, subcode
    )


# --- the SBC rule ----------------------------------------------------------------


@pytest.mark.usefixtures("fresh_answers")
def test_an_sbc_rule_without_a_direction_names_none(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rule = dataclasses.replace(m.SUBCODE_RULES[0], direction=None)
    monkeypatch.setattr(m, "SUBCODE_RULES", (rule,))
    # A subcode of the rule's that no row documents, whose number the SIP
    # registry names.
    subcode, status = next(
        (n, m.SipStatus.parse(rule.read(n)))
        for n in _unlisted(rule)
        if m.SipStatus.parse(rule.read(n)) is not None
    )
    assert status is not None
    found = explain(FAILING_CLASS_CODE, subcode)
    assert (found.match, found.rule) == (MatchLevel.RULE, rule)
    assert found.message == (
        f"SIP {int(status)} {status.phrase}: the customer's session border "
        f"controller (SBC) gave this final response. {rule.message}"
    )


# --- what is kept ----------------------------------------------------------------


@pytest.mark.usefixtures("fresh_answers")
def test_answers_from_the_catalog_are_kept_and_the_others_are_not() -> None:
    code, subcode = PLAIN
    assert explain(code, subcode) is explain(code, subcode)
    assert explain(code) is explain(code)
    kept = len(m._EXPLAINED)
    # A stream of made-up codes, with and without made-up subcodes: nothing
    # the catalog says, nothing kept, and no room taken from answers by
    # subcode.
    for made_up in range(FAILING_CLASS_CODE, FAILING_CLASS_CODE + 1):
        for other in (None, 987_654_321, 987_654_322):
            assert explain(made_up, other).match is MatchLevel.CODE_CLASS
    for made_up in range(10_000, 10_200):
        assert explain(made_up, 987_654_321).match is MatchLevel.UNKNOWN
    assert len(m._EXPLAINED) == kept
    assert m._cached_by_subcode == [0]


def test_text_nested_too_deep_is_refused_with_the_payload_s_words() -> None:
    for text in ("[" * 200_000, b"[" * 200_000):
        with pytest.raises(PayloadError) as refused:
            explain_payload(text)
        assert str(refused.value) == "payload: nested deeper than any ACS payload"


def _uncategorized_lent_row() -> CallEndReason:
    """The row of a subcode that only one row documents, without a category,
    with two wordings apart."""
    count = _rows_of_subcode()
    for (_, subcode), row in m.CALL_END_REASONS.items():
        if (
            count[int(subcode)] == 1
            and row.result_category is None
            and len(row.wordings) > 1
            and _apart(row.wordings[0], row.wordings[1])
        ):
            return row
    raise AssertionError("no subcode documented once by a row without a category")


def test_a_wording_chosen_under_a_class_that_gives_the_category_keeps_it() -> None:
    # A 2xx code the catalog does not know, with a subcode a row without a
    # category documents: the class's words give the category (Success).
    success = SUCCEEDING_CLASS_CODE
    row = _uncategorized_lent_row()
    plain = explain(success, int(row.subcode))
    assert plain.class_info is not None and plain.class_info.result_category
    assert plain.result_category is plain.class_info.result_category
    said = explain_payload(
        {"code": success, "subCode": row.subcode, "message": row.wordings[1].message}
    )
    assert (said.wording, said.wording_choice) == (
        row.wordings[1],
        WordingChoice.MESSAGE,
    )
    assert (
        dataclasses.replace(
            said,
            message=plain.message,
            advice=plain.advice,
            wording=plain.wording,
            wording_choice=plain.wording_choice,
        )
        == plain
    )
