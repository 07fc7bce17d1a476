"""The explain ladder: ``lookup`` for the exact pair, ``explain`` for the most
the catalog says about any pair, ``explain_payload`` for the pair a payload
carries.

The same whatever the catalog says: the generator pastes this file's body into
generated/acs_call_codes.py below the catalog's tables (runtime/__init__.py
has the convention).
"""

from __future__ import annotations

# The module's own names, private ones included: pasted into it, this file's
# body uses them as its own.
# pyright: reportPrivateUsage=false
from collections.abc import Callable, Iterator
from dataclasses import replace
from enum import Enum
from typing import Final

from acs_call_codes import (
    _CODE_INFO,
    _CODE_SUMMARIES,
    _REASONS,
    _SUBCODE_INFO,
    CODE_CLASS_INFO,
    CODE_CLASS_RANGES,
    SUBCODE_RULES,
    CallEndReason,
    Code,
    CodeClass,
    CodeInfo,
    Explanation,
    MatchLevel,
    PayloadError,
    PayloadResult,
    ResultCategory,
    SipStatus,
    SubCode,
    SubCodeInfo,
    SubCodeRule,
    Wording,
    WordingChoice,
    _fill_tables,
    _found_in_each,
    _tables_made,
    find_event,
    find_result,
)

__all__ = ["explain", "explain_payload", "explain_payloads", "lookup"]


def _first_reason_of(pair: tuple[int, int]) -> CallEndReason | None:
    """lookup()'s first call: the rows are made, and _reason_of becomes the
    bound get of the table."""
    global _reason_of
    _fill_tables()
    _reason_of = _REASONS.get
    return _REASONS.get(pair)


# lookup() is a hot path: from its second call, a bound dict.get is its only
# work.
_reason_of: Callable[[tuple[int, int]], CallEndReason | None] = _first_reason_of


def lookup(code: int, subcode: int) -> CallEndReason | None:
    """The documented reason for exactly this (code, subcode) pair, or None.

    Checks nothing, as befits a hot path: anything equal to a documented pair
    matches it (``False`` is 0 and ``487.0`` is 487 to Python), and a string
    never does (``Code.parse`` and ``SubCode.parse`` read raw values).
    ``explain`` checks its arguments.
    """
    return _reason_of((code, subcode))


def _require_int(name: str, value: object, member: type[Enum]) -> None:
    # A bool is an int to Python, and a member of another enum (a SubCode for a
    # code, an HTTPStatus) is one too; both are slips to report, not numbers.
    if (
        not isinstance(value, int)
        or isinstance(value, bool)
        or (isinstance(value, Enum) and not isinstance(value, member))
    ):
        raise TypeError(
            f"{name} must be an int or a {member.__name__}, "
            f"not {type(value).__name__}: {value!r}"
        )


# Explanations of documented pairs (and of codes asked about alone) are kept once
# made: they are frozen, and a log processor asks about the same few pairs over
# and over. The key holds the argument types, so explain(True) still raises and
# explain(Code.X) still answers with Code.X; only answers taken from the catalog
# are kept, so the cache never grows past a few entries per catalog row, and
# answers by subcode or rule (any code with a listed subcode) up to a bound.
_EXPLAINED: dict[tuple[object, ...], Explanation] = {}
_CACHED_TYPES = frozenset({int, Code, SubCode, type(None)})
#: How many answers by subcode or by rule the cache keeps: a log holds a few
#: dozen such pairs; a stream of made-up codes must not grow it without end.
_CACHED_BY_SUBCODE_LIMIT: Final[int] = 1024
_cached_by_subcode = [0]


def explain(
    code: int, subcode: int | None = None, *, event: str | None = None
) -> Explanation:
    """The most the catalog says about a pair: the exact reason, else the code's
    row, else the code's class. Never raises for ints; ``match`` says which.

    Where the answering row is worded several times, ``message`` is the first
    wording by precedence, or with ``event`` (the callback event's type,
    ``Microsoft.Communication.CallDisconnected`` or ``CallDisconnected``) the
    wording documented for that event; ``wording_choice`` says which.

    Raises TypeError for anything but an int (bool included).
    """
    if event is not None:
        return _pick(explain(code, subcode), event, None)
    key = (code.__class__, code, subcode.__class__, subcode)
    try:
        found = _EXPLAINED.get(key)
    except TypeError:  # unhashable, so not an int: _explain says so
        found = None
    if found is None:
        found = _explain(code, subcode)
        match = found.match
        by_subcode = match is MatchLevel.SUBCODE or match is MatchLevel.RULE
        from_catalog = match is MatchLevel.REASON or (
            match is MatchLevel.CODE and subcode is None
        )
        if (
            (
                from_catalog
                or (by_subcode and _cached_by_subcode[0] < _CACHED_BY_SUBCODE_LIMIT)
            )
            and code.__class__ in _CACHED_TYPES
            and subcode.__class__ in _CACHED_TYPES
        ):
            _EXPLAINED[key] = found
            _cached_by_subcode[0] += by_subcode
    return found


def _explain(code: int, subcode: int | None) -> Explanation:
    if not _tables_made[0]:
        _fill_tables()
    _require_int("code", code, Code)
    if subcode is not None:
        _require_int("subcode", subcode, SubCode)
    code_class = CodeClass.of(code)
    reason = None if subcode is None else _REASONS.get((code, subcode))
    if reason is not None:
        return _answer(
            code,
            subcode,
            MatchLevel.REASON,
            reason.message,
            code_class,
            result_category=reason.result_category,
            advice=reason.advice,
            reason=reason,
            wordings=reason.wordings,
        )
    if subcode is not None:
        found = _by_subcode(code, subcode, code_class)
        if found is not None:
            return found
    info = _CODE_INFO.get(code)
    if info is not None:
        return _answer(
            code,
            subcode,
            MatchLevel.CODE,
            info.message,
            code_class,
            advice=info.advice,
            code_info=info,
            wordings=info.wordings,
        )
    summary = _CODE_SUMMARIES.get(code)
    if summary is not None:
        return _answer(code, subcode, MatchLevel.CODE, summary, code_class)
    if code_class is not None:
        span = CODE_CLASS_RANGES[code_class]
        message = f"{code_class.value} ({span.start}-{span.stop - 1})."
        return _answer(code, subcode, MatchLevel.CODE_CLASS, message, code_class)
    pair = f"code {_shown(code)}"
    if subcode is not None:
        pair += f" with subcode {_shown(subcode)}"
    message = f"No documented meaning for {pair}."
    return _answer(code, subcode, MatchLevel.UNKNOWN, message, None)


def _answer(
    code: int,
    subcode: int | None,
    match: MatchLevel,
    message: str,
    code_class: CodeClass | None,
    *,
    result_category: ResultCategory | None = None,
    advice: str | None = None,
    reason: CallEndReason | None = None,
    code_info: CodeInfo | None = None,
    subcode_info: SubCodeInfo | None = None,
    rule: SubCodeRule | None = None,
    wordings: tuple[Wording, ...] = (),
) -> Explanation:
    """The Explanation of one rung: what the rung found is given, the rest is
    None. ``wordings`` are the answering row's: ``message`` is the first. Where
    no row gives a category, the words of the code's class may (a 2xx code is
    a success)."""
    wording = wordings[0] if wordings else None
    choice = (
        None
        if not wordings
        else WordingChoice.ONLY if len(wordings) == 1 else WordingChoice.FIRST
    )
    class_info = None
    if result_category is None and code_class is not None:
        class_info = CODE_CLASS_INFO.get(code_class)
        if class_info is not None and class_info.result_category is not None:
            result_category = class_info.result_category
        else:
            class_info = None
    return Explanation(
        code,
        subcode,
        match,
        message,
        result_category,
        advice,
        code_class,
        reason,
        code_info,
        subcode_info,
        rule,
        wording,
        choice,
        class_info,
        None,
        None,
    )


#: The rows of each subcode, built on first need: explain asks it only for
#: pairs the catalog does not list, and the import stays as it was.
_ROWS_OF_SUBCODE: dict[int, tuple[CallEndReason, ...]] = {}


def _rows_of(subcode: int) -> tuple[CallEndReason, ...]:
    if not _ROWS_OF_SUBCODE:
        rows: dict[int, list[CallEndReason]] = {}
        for reason in _REASONS.values():
            rows.setdefault(int(reason.subcode), []).append(reason)
        _ROWS_OF_SUBCODE.update((key, tuple(value)) for key, value in rows.items())
    return _ROWS_OF_SUBCODE.get(subcode, ())


def _by_subcode(
    code: int, subcode: int, code_class: CodeClass | None
) -> Explanation | None:
    """What the subcode says without its code: the one row that documents it
    under another code, else a document's meaning of the subcode alone, else a
    rule for its range; None when none applies. A subcode documented under
    several codes with different meanings is not resolved here: which one
    applies would be a guess."""
    rows = _rows_of(subcode)
    if len(rows) == 1:
        row = rows[0]
        # The row's message is lent, its category only within the same
        # outcome: a 4xx pair never inherits a code 0 row's Success.
        lent = _succeeds(int(row.code)) is _succeeds(code)
        return _answer(
            code,
            subcode,
            MatchLevel.SUBCODE,
            row.message,
            code_class,
            result_category=row.result_category if lent else None,
            advice=row.advice,
            reason=row,
            wordings=row.wordings,
        )
    meaning = _SUBCODE_INFO.get(subcode)
    if meaning is not None and meaning.code_class in (None, code_class):
        return _answer(
            code,
            subcode,
            MatchLevel.SUBCODE,
            meaning.message,
            code_class,
            subcode_info=meaning,
        )
    if rows:
        return None
    for rule in SUBCODE_RULES:
        number = rule.read(subcode)
        if number is None:
            continue
        if rule.reads == "sip_status":
            # The registry's phrase where the number is a SipStatus ("SIP 486
            # Busy Here"); the number alone where the registry has none.
            sip = SipStatus.parse(number)
            status = f"SIP {number}" + ("" if sip is None else f" {sip.phrase}")
            where = "" if rule.direction is None else f" on an {rule.direction} call"
            message = (
                f"{status}: the customer's session border controller (SBC) gave "
                f"this final response{where}. {rule.message}"
            )
        else:
            message = f"{rule.reads} {number}. {rule.message}"
        return _answer(
            code,
            subcode,
            MatchLevel.RULE,
            message,
            code_class,
            advice=rule.advice,
            rule=rule,
        )
    return None


def _succeeds(code: int) -> bool:
    """Whether a code is on the success side: code 0 (the call ended with no
    error code) or a code whose class the documents' words give a success
    category (2xx)."""
    if code == 0:
        return True
    code_class = CodeClass.of(code)
    info = None if code_class is None else CODE_CLASS_INFO.get(code_class)
    category = None if info is None else info.result_category
    return category is not None and category.is_success


def explain_payload(payload: object) -> Explanation:
    """The Explanation of the (code, subcode) pair a payload carries.

    ``payload`` is what a service holds: a Call Automation SDK object with
    ``code`` and ``sub_code`` (``ResultInformation``) or an event with
    ``result_information``; a CloudEvent or Event Grid event (a mapping, or its
    JSON text) whose ``data`` holds ``resultInformation`` (or a CallEnded
    event's ``reason``); a Calling SDK ``callEndReason`` or a serialised
    Calling SDK error; a Microsoft Graph notification; a call-log record with
    ``participantEndReason`` and ``participantEndSubCode`` (any case, camelCase
    or snake_case, numbers as strings too): every shape ``find_pair`` reads.
    When the message carries ``DiagCode: CODE#SUBCODE`` and that pair is
    explained more specifically than the outer one, its explanation is the
    answer (its ``code`` and ``subcode`` are the DiagCode's; ``find_pair``
    keeps the payload's own). The SIP response and Q.850 cause the result
    carries (``sipDetails``, ``q850Details``) are its ``sip_details`` and
    ``q850_details``.

    Where the answering row is worded several times, the wording is the one
    documented for the payload's event type (a CloudEvent's ``type``, an Event
    Grid ``eventType``, an SDK event's class name: ``find_event``), failing
    that the one the service's own ``message`` says (case, whitespace and
    punctuation aside; extra text such as ``DiagCode: ...`` allowed), failing
    that the first by precedence; ``wording`` and ``wording_choice`` say which.

    Raises PayloadTypeError (a TypeError), NoCodeError or PayloadError (both
    ValueErrors), saying what was found where, for a payload that carries no
    readable code; an array of several events is refused with a pointer to
    ``explain_payloads``.
    """
    if isinstance(payload, (str, bytes, bytearray)):
        import json  # here, not at the top: the module's import stays cheap

        try:  # read once, for the pair and the event
            payload = json.loads(payload)
        except RecursionError:
            raise PayloadError("payload: nested deeper than any ACS payload") from None
        except ValueError:
            pass  # text that is not JSON: find_pair reads what it names
    return _explain_result(find_result(payload), find_event(payload))


def explain_payloads(payload: object) -> Iterator[Explanation]:
    """The Explanation of each pair a payload of several items carries, in
    order: each event of a callback's array (or its JSON text), each
    notification of a Graph ``value``, each entry of a recording
    (``find_pairs``), each with the wording of its own event. Items without a
    code (an event with no result) are passed over; an item whose code is
    malformed raises as explain_payload does, when the iteration reaches it.

    >>> [e.subcode for e in explain_payloads('[{"code": 487, "subCode": 10004}, {}]')]
    [10004]
    """
    for found, event in _found_in_each(payload):
        yield _explain_result(found, find_event(event))


def _explain_result(found: PayloadResult, event: str | None) -> Explanation:
    """The Explanation of what find_result found: the wording ``event`` (the
    callback event's type) or the service's message names, and the SIP and
    Q.850 details."""
    code, subcode, _, message, diagnostic, sip, q850 = found
    explained = _explain_found(code, subcode, diagnostic)
    if explained.wording_choice is WordingChoice.FIRST:
        explained = _pick(explained, event, message)
    if sip is None and q850 is None:
        return explained
    return replace(explained, sip_details=sip, q850_details=q850)


def _pick(found: Explanation, event: str | None, message: str | None) -> Explanation:
    """``found`` saying the wording of its row that ``event`` (a callback
    event's type) names, failing that the one ``message`` (the service's)
    says, failing that the first."""
    row = found.reason if found.reason is not None else found.code_info
    if row is None or found.wording_choice is not WordingChoice.FIRST:
        return found
    wordings: tuple[Wording, ...] = row.wordings
    choice = WordingChoice.FIRST
    if event:
        name = event.rsplit(".", 1)[-1].strip().casefold()
        named = tuple(w for w in wordings if name in _folded_events(w))
        if named:
            wordings, choice = named, WordingChoice.EVENT
    wording: Wording = wordings[0]
    if message and len(wordings) > 1:
        said = _said(wordings, message)
        if said is not None:
            wording, choice = said, WordingChoice.MESSAGE
    if wording is found.wording and choice is WordingChoice.FIRST:
        return found
    return _replace_wording(found, wording, choice)


def _folded_events(wording: Wording) -> tuple[str, ...]:
    return tuple(event.casefold() for event in wording.events)


def _words(text: str) -> str:
    """``text`` as words: case folded, punctuation and whitespace as one space."""
    import re  # here, not at the top: the module's import stays cheap

    return " " + " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split()) + " "


def _said(wordings: tuple[Wording, ...], message: str) -> Wording | None:
    """The wording the service's ``message`` says: the longest whose words it
    holds, whole words, whatever else it carries (``DiagCode: ...``)."""
    said = _words(message)
    best: Wording | None = None
    size = 0
    for wording in wordings:
        words = _words(wording.message)
        if len(words) > 2 and words in said and len(words) > size:
            best, size = wording, len(words)
    return best


def _replace_wording(
    found: Explanation, wording: Wording, choice: WordingChoice
) -> Explanation:
    """``found`` with ``wording`` as its message: the wording's advice where it
    gives one, and its category where it gives one for the pair's own row (a
    row under another code lends none but within the same outcome); the
    answer's otherwise."""
    own = found.match is MatchLevel.REASON or found.match is MatchLevel.CODE
    return Explanation(
        found.code,
        found.subcode,
        found.match,
        wording.message,
        (wording.result_category if own else None) or found.result_category,
        wording.advice or found.advice,
        found.code_class,
        found.reason,
        found.code_info,
        found.subcode_info,
        found.rule,
        wording,
        choice,
        found.class_info,
        found.sip_details,
        found.q850_details,
    )


def _explain_found(
    code: int, subcode: int | None, diagnostic: tuple[int, int] | None
) -> Explanation:
    """``explain(code, subcode)``, or the explanation of the pair a message's
    DiagCode names (``diagnostic``) where that one is more specific."""
    outer = explain(code, subcode)
    if diagnostic is not None and outer.match is not MatchLevel.REASON:
        inner = explain(*diagnostic)
        if _RUNGS.index(inner.match) < _RUNGS.index(outer.match):
            return inner
    return outer


#: explain's rungs, most specific first.
_RUNGS: Final[tuple[MatchLevel, ...]] = tuple(MatchLevel)


def _shown(number: int) -> str:
    """``number`` in decimal; ints past Python's limit on digits are described."""
    try:
        return str(number)
    except ValueError:
        return f"a {number.bit_length()}-bit integer"
