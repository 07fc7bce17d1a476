"""Finding the (code, subcode) pair in what users hold: SDK objects, callback
JSON, call-log records.

Standard library only, and independent of the catalog: the generator pastes
this file's body into generated/acs_call_codes.py, where ``explain_payload``
puts it to work; tests import it as it is (runtime/__init__.py has the
convention).
"""

from __future__ import annotations

import typing
from collections.abc import Iterator, Mapping, Sequence

from acs_call_codes import Q850Details, SipDetails

__all__ = [
    "NoCodeError",
    "PayloadError",
    "PayloadPair",
    "PayloadResult",
    "PayloadTypeError",
    "find_event",
    "find_pair",
    "find_pairs",
    "find_result",
]

#: What find_pair finds: the code, the subcode (None when the payload has
#: none), where it was found (a path such as ``payload.data.resultInformation``),
#: the message beside it, and the pair a ``DiagCode: CODE#SUBCODE`` in that
#: message names. A plain tuple: a class would cost the module's import.
PayloadPair = tuple[int, int | None, str, str | None, tuple[int, int] | None]
#: What find_result finds: find_pair's five, then the SIP response and the
#: Q.850 cause that ``resultInformation`` carries beside the pair
#: (``sipDetails`` and ``q850Details``), each None when it carries none.
#: ``find_result(p)[:5] == find_pair(p)``.
PayloadResult = tuple[
    int,
    int | None,
    str,
    str | None,
    tuple[int, int] | None,
    "SipDetails | None",
    "Q850Details | None",
]


#: Keys that hold a (code, subcode) object, by the payloads that use them: Call
#: Automation's resultInformation (and the older resultInfo, which Microsoft
#: Graph's notifications keep), the Calling SDK's callEndReason and its errors
#: as a web client serialises them (``error``), Event Grid's CallEnded reason
#: {code, subCode, phrase}, a Teams calling controller's callEnd and
#: conversationEnd, Azure Monitor's properties around a log record, Graph's
#: notifications (``value``, ``resourceData``) and the Call Automation SDKs'
#: recorded callbacks (``entries``, ``body``). A holder may be JSON text (an
#: exported column, a captured body); any other text is not a holder. Matched
#: as keys are (``_fold``).
_HOLDERS = (
    "resultinformation",
    "resultinfo",
    "callendreason",
    "callend",
    "conversationend",
    "reason",
    "data",
    "properties",
    "error",
    "resourcedata",
    "value",
    "entries",
    "body",
)
#: A code's key and its subcode's keys, most specific first, folded
#: (``_fold``: ``subCode``, ``sub_code``, ``SubCode`` and a serialised
#: object's ``_subCode`` are one key).
_KEYS = (
    ("participantendreason", ("participantendsubcode",)),
    ("code", ("subcode",)),
)
#: Keys of the message beside a pair (folded): Call Automation's message, an
#: older resultMessage, Event Grid's CallEnded phrase.
_MESSAGE_KEYS = ("message", "resultmessage", "phrase")
#: Keys of the SIP and Q.850 details beside a pair (folded), and the SDK
#: objects' attributes of them.
_SIP_KEY = "sipdetails"
_Q850_KEY = "q850details"
_DETAIL_KEYS = (_SIP_KEY, _Q850_KEY)
_DETAIL_ATTRIBUTES = ("sip_details", "q850_details")
#: ``DiagCode: 0#7000.@`` in a Call Automation message: the code and subcode of
#: the underlying service.
_DIAG = r"DiagCode:\s*(\d+)#(\d+)"
#: How deep payloads nest holders and lists: the deepest known is an SDK's
#: recorded callback (entries -> [0] -> body -> [0] -> data ->
#: resultInformation), at 6; 8 leaves room, and more is a shape this module
#: does not know.
_MAX_DEPTH = 8


class PayloadError(ValueError):
    """A payload whose (code, subcode) pair cannot be read: its code is
    malformed (``"BadRequest"``, ``-1``), it names several pairs, it nests
    deeper than any ACS payload, or it is text that names none. The message
    says what was found, and where (``payload.data.resultInformation.code``).
    A ValueError, as find_pair has always raised."""


class NoCodeError(PayloadError):
    """A payload that holds no code at all, as opposed to one whose code is
    malformed: an event without a result (CallConnected in older API
    versions), a record without an end reason. A log's report counts such
    records apart; ``explain_payloads`` passes over such items."""


class PayloadTypeError(PayloadError, TypeError):
    """A payload of no kind find_pair knows (an int, an object with neither
    ``code`` nor a holder of one), or a code of the wrong type (a bool). A
    TypeError, as find_pair has always raised, and a PayloadError."""


#: The name of find_pair's former exception for a payload without a code.
_NoCodeError = NoCodeError


def find_pair(payload: object) -> PayloadPair:
    """The (code, subcode) pair ``payload`` carries.

    ``payload`` is what a service or a support engineer holds: an object with
    ``code`` and ``sub_code`` attributes (the Python Call Automation SDK's
    ``ResultInformation``) or a ``result_information`` attribute holding one
    (its events), or a ``reason`` (azure-eventgrid's ``AcsCallEndedEventData``);
    a mapping, or JSON text or bytes of one: a CloudEvent or an Event Grid event
    whose ``data`` holds ``resultInformation``, or ``reason`` (a CallEnded
    event), a Calling SDK ``callEndReason`` or a serialised Calling SDK error
    (``{"error": {"_code": 0, "_subCode": 5317}}``), a Microsoft Graph
    notification (``value[].resourceData.resultInfo``), a Teams calling
    controller's ``callEnd``, an SDK's recorded callback (``entries[].body``,
    the body JSON text), a call-log record with ``participantEndReason`` and
    ``participantEndSubCode`` (any case, camelCase or snake_case; numbers may
    be strings; in ``properties`` as a diagnostic export has them); or a list
    of exactly one such item (``find_pairs`` reads several). A holder kept as
    JSON text is read too, and text that is not JSON but names one pair
    (``{code: 487, subCode: 10004}`` as a browser console prints it, a Python
    repr, ``participantEndReason=487``, a message with one ``DiagCode``).

    Raises PayloadTypeError (a TypeError) for a payload of no known kind,
    NoCodeError for one that holds no code and PayloadError (both ValueErrors)
    for one whose code cannot be read; the message says what was found, and
    where. ``find_result`` gives the SIP and Q.850 details too.
    """
    return find_result(payload)[:5]


def find_result(payload: object) -> PayloadResult:
    """find_pair's five, then the ``sipDetails`` and ``q850Details`` that the
    result carries beside its pair (any case; an SDK object's ``sip_details``
    and ``q850_details``), as ``SipDetails`` and ``Q850Details``, each None
    when the payload has none. Raises as find_pair does, and PayloadError for
    details whose code is malformed."""
    if isinstance(payload, (str, bytes, bytearray)):
        import json  # here, not at the top: the module's import stays cheap

        text = payload
        try:
            payload = json.loads(text)
        except RecursionError:
            raise PayloadError("payload: nested deeper than any ACS payload") from None
        except ValueError as exc:
            found = _from_text(text)
            if found is None:
                raise PayloadError(f"the payload is text but not JSON: {exc}") from None
            return found
    return _find(payload, "payload", 0)


def find_pairs(payload: object) -> Iterator[PayloadResult]:
    """find_result of each item of ``payload`` that carries a code: each event
    of a callback's array of several (or its JSON text), each notification of
    a Graph ``value``, each entry of a recording; a payload of one item gives
    its one. Items that hold no code at all (an event without a result) are
    passed over; an item whose code is malformed raises as find_pair does.

    >>> [p[:2] for p in find_pairs('[{"code": 487, "subCode": 10004}, {}]')]
    [(487, 10004)]
    """
    for found, _ in _found_in_each(payload):
        yield found


def _found_in_each(payload: object) -> Iterator[tuple[PayloadResult, object]]:
    """find_pairs, each result with the event it came from (``_each_found``)."""
    if isinstance(payload, (str, bytes, bytearray)):
        import json  # here, not at the top: the module's import stays cheap

        try:
            payload = json.loads(payload)
        except RecursionError:
            raise PayloadError("payload: nested deeper than any ACS payload") from None
        except ValueError:
            # Text that names one pair, or why not.
            yield find_result(payload), payload
            return
    yield from _each_found(payload, "payload", 0, payload)


def _each_found(
    payload: object, where: str, depth: int, item: object
) -> Iterator[tuple[PayloadResult, object]]:
    """find_pairs below ``where``: find_pair's walk, where a list of several
    fans out, each in turn; with each result, the item of the innermost list
    it came from (the event, whose type says which wording applies), or the
    payload where no list fanned out."""
    if depth > _MAX_DEPTH:
        raise PayloadError(f"{where}: nested deeper than any ACS payload")
    if isinstance(payload, (str, bytes, bytearray)) and not _plain_text(payload):
        payload = _loads(payload, where)
    if _is_list(payload):
        items = typing.cast("Sequence[object]", payload)
        for index, each in enumerate(items):
            yield from _each_found(each, f"{where}[{index}]", depth + 1, each)
        return
    if isinstance(payload, Mapping):
        mapping = typing.cast("Mapping[object, object]", payload)
        if all(mapping[key] in (None, "") for key, _, _ in _keys_of(mapping)):
            # No code here: the first holder answers, as in _from_mapping, and
            # a list in it fans out.
            folded = _folded(mapping)
            for holder in _HOLDERS:
                key = folded.get(holder)
                value = None if key is None else mapping[key]
                if value is not None and not _plain_text(value):
                    yield from _each_found(value, f"{where}.{key}", depth + 1, item)
                    return
            return
        try:
            yield _from_mapping(mapping, where, depth), item
        except NoCodeError:
            pass
        return
    try:
        yield _find(payload, where, depth), item
    except NoCodeError:
        return


def _is_list(value: object) -> bool:
    return isinstance(value, Sequence) and not isinstance(
        value, (str, bytes, bytearray)
    )


def _loads(text: str | bytes | bytearray, where: str) -> object:
    """``text`` (a holder's) parsed as JSON; PayloadError where it is not JSON
    or nests deeper than Python parses."""
    import json  # here, not at the top: the module's import stays cheap

    try:
        return json.loads(text)
    except RecursionError:
        raise PayloadError(f"{where}: nested deeper than any ACS payload") from None
    except ValueError as exc:
        raise PayloadError(f"{where} is text but not JSON: {exc}") from None


#: ``code: 487`` and ``subCode: 10004`` in text that is not JSON: a JavaScript
#: object as a console prints it (``{code: 487, subCode: 10004}``), a Python
#: repr, a log line (``participantEndReason=487``). A letter before ``code``
#: makes another word (``DiagCode``, ``subCode``), so it is not the code.
_TEXT_CODE = (
    r"(?<![A-Za-z_])(?:code|participantEndReason)[\"']?\s*[:=]\s*[\"']?(\d+)(?![\d.])"
)
_TEXT_SUBCODE = r"(?<![A-Za-z_])(?:sub_?code|participantEndSubCode)[\"']?\s*[:=]\s*[\"']?(\d+)(?![\d.])"


def _from_text(text: str | bytes | bytearray) -> PayloadResult | None:
    """The pair named in text that is not JSON (or, where it names none, the
    pair of its one DiagCode); None when it names no code. Text that names
    more than one pair is a PayloadError: a log of many calls is not one
    payload."""
    import re  # here, not at the top: the module's import stays cheap

    if not isinstance(text, str):
        text = bytes(text).decode("utf-8", "replace")
    codes = re.findall(_TEXT_CODE, text, re.IGNORECASE)
    subcodes = re.findall(_TEXT_SUBCODE, text, re.IGNORECASE)
    if not codes and not subcodes:
        # A message alone: its DiagCode names the pair.
        found = re.findall(_DIAG, text)
        if len(set(found)) == 1:
            codes, subcodes = [found[0][0]], [found[0][1]]
    if len(set(codes)) > 1 or len(set(subcodes)) > 1:
        raise PayloadError(
            "the text names more than one pair (codes "
            + ", ".join(dict.fromkeys(codes))
            + "); explain each"
        )
    if not codes:
        return None
    code = _number(codes[0], "payload (text) code")
    subcode = _number(subcodes[0], "payload (text) subCode") if subcodes else None
    if code is None:
        return None
    return _pair(code, subcode, "payload (text)", text)


def _find(payload: object, where: str, depth: int) -> PayloadResult:
    if depth > _MAX_DEPTH:
        raise PayloadError(f"{where}: nested deeper than any ACS payload")
    if isinstance(payload, (str, bytes, bytearray)) and not _plain_text(payload):
        payload = _loads(payload, where)
    if isinstance(payload, Mapping):
        return _from_mapping(
            typing.cast("Mapping[object, object]", payload), where, depth
        )
    if _is_list(payload):
        carriers = typing.cast("Sequence[object]", payload)
        if len(carriers) != 1:
            kind = "list" if isinstance(carriers, list) else _kind(carriers)
            raise PayloadError(
                f"{where}: a {kind} of {len(carriers)} items; explain_payloads "
                "(or find_pairs) reads each (a callback may carry several events)"
            )
        return _find(carriers[0], f"{where}[0]", depth + 1)
    for attribute in ("result_information", "call_end_reason", "reason", "data"):
        inner = getattr(payload, attribute, None)
        if inner is not None and not _plain_text(inner):
            return _find(inner, f"{where}.{attribute}", depth + 1)
    if hasattr(payload, "code"):
        code = _number(getattr(payload, "code", None), f"{where}.code")
        if code is None:
            raise NoCodeError(f"{where}.code is None: the object carries no code")
        subcode = None
        for name in ("sub_code", "subcode", "sub_code_value"):
            if hasattr(payload, name):
                subcode = _number(getattr(payload, name), f"{where}.{name}")
                break
        message = getattr(payload, "message", None) or getattr(payload, "phrase", None)
        sip, q850 = (
            _detail(getattr(payload, name, None), f"{where}.{name}")
            for name in _DETAIL_ATTRIBUTES
        )
        return _pair(
            code,
            subcode,
            where,
            message if isinstance(message, str) else None,
            None if sip is None else SipDetails(*sip),
            None if q850 is None else Q850Details(*q850),
        )
    kind = _kind(payload)
    article = "an" if kind[:1].lower() in "aeiou" else "a"
    raise PayloadTypeError(
        f"{where}: {article} {kind}, which carries no code: expected an "
        "object with code and sub_code (or result_information), a mapping, or JSON"
    )


def _kind(value: object) -> str:
    """What ``value`` is, in an error message: its type's name."""
    return type(value).__name__


def _fold(key: object) -> str:
    """A key as find_pair matches it: any case, underscores left out, so that
    ``subCode``, ``SubCode``, ``sub_code`` and a serialised object's private
    ``_subCode`` are one key, and ``participant_end_reason`` is
    ``participantEndReason``."""
    return str(key).lower().replace("_", "")


def _folded(payload: Mapping[object, object]) -> dict[str, object]:
    """``payload``'s keys by their folded form; where two fold alike (``code``
    and ``_code``), the one that starts without an underscore."""
    folded: dict[str, object] = {}
    for key in payload:
        name = _fold(key)
        if name not in folded or (
            str(folded[name]).startswith("_") and not str(key).startswith("_")
        ):
            folded[name] = key
    return folded


def _keys_of(
    payload: Mapping[object, object],
) -> Iterator[tuple[object, object | None, object | None]]:
    """The keys of ``payload`` that may hold its pair, most specific first:
    (the code's, the subcode's or None, the message's or None), matched
    as ``_fold`` folds them, as ``_KEYS`` and ``_MESSAGE_KEYS`` name them."""
    folded = _folded(payload)
    message = next((folded[k] for k in _MESSAGE_KEYS if k in folded), None)
    for code_key, subcode_keys in _KEYS:
        key = folded.get(code_key)
        if key is not None:
            subkey = next((folded[k] for k in subcode_keys if k in folded), None)
            yield key, subkey, message


def _from_mapping(
    payload: Mapping[object, object], where: str, depth: int
) -> PayloadResult:
    for key, subkey, message_key in _keys_of(payload):
        code = _number(payload[key], f"{where}.{key}")
        if code is None:
            continue
        subcode = (
            None if subkey is None else _number(payload[subkey], f"{where}.{subkey}")
        )
        message = None if message_key is None else payload[message_key]
        folded = _folded(payload)
        sip, q850 = (
            (
                None
                if folded.get(name) is None
                else _detail(payload[folded[name]], f"{where}.{folded[name]}")
            )
            for name in _DETAIL_KEYS
        )
        return _pair(
            code,
            subcode,
            where,
            message if isinstance(message, str) else None,
            None if sip is None else SipDetails(*sip),
            None if q850 is None else Q850Details(*q850),
        )
    folded = _folded(payload)
    for holder in _HOLDERS:
        key = folded.get(holder)
        if (
            key is not None
            and payload[key] is not None
            and not _plain_text(payload[key])
        ):
            # The first holder answers, code or none: a log's report reads
            # records of one shape along the path find_pair took.
            return _find(payload[key], f"{where}.{key}", depth + 1)
    keys = ", ".join(sorted(str(k) for k in payload)[:12]) or "none"
    raise NoCodeError(
        f"{where}: no code here (keys: {keys}); expected code and subCode, "
        "participantEndReason and participantEndSubCode, or an object holding "
        "them: resultInformation, callEndReason, reason, data, properties"
    )


def _detail(value: object, where: str) -> tuple[int, str | None] | None:
    """The code and message of a ``sipDetails`` or ``q850Details``: a mapping
    (any case), its JSON text, or an SDK object with ``code`` and ``message``;
    None where it is null or carries no code (an empty object, as services
    send when the call crossed no SIP trunk)."""
    if value is None or _plain_text(value):
        return None
    if isinstance(value, (str, bytes, bytearray)):
        value = _loads(value, where)
    if isinstance(value, Mapping):
        mapping = typing.cast("Mapping[object, object]", value)
        folded = _folded(mapping)
        code_key, message_key = folded.get("code"), folded.get("message")
        code = (
            None
            if code_key is None
            else _number(mapping[code_key], f"{where}.{code_key}")
        )
        message = None if message_key is None else mapping[message_key]
    else:
        code = _number(getattr(value, "code", None), f"{where}.code")
        message = getattr(value, "message", None)
    if code is None:
        return None
    return code, message if isinstance(message, str) else None


def _plain_text(value: object) -> bool:
    """Whether ``value`` is text that is not a JSON object or array, such as a
    ``reason`` of "Timeout": never a holder of a code."""
    if isinstance(value, str):
        return value.lstrip()[:1] not in ("{", "[")
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).lstrip()[:1] not in (b"{", b"[")
    return False


def _number(value: object, where: str) -> int | None:
    """A code read from a payload: an int, or a string of digits; None for null
    or an empty string. Codes are never negative."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise PayloadTypeError(f"{where} is a bool ({value!r}), not a code")
    if isinstance(value, int):
        if value < 0:
            raise PayloadError(
                f"{where} is {value!r}, not a code: codes are never negative"
            )
        return value
    if isinstance(value, float) and value.is_integer():
        return _number(int(value), where)
    if isinstance(value, str):
        text = value.strip()
        # "487.0": a column with gaps, as pandas writes it, holds floats.
        whole, dot, zeros = text.partition(".")
        if dot and whole and zeros and not zeros.strip("0"):
            text = whole
        if text.isascii() and text.isdigit():
            try:
                return int(text)
            except ValueError:
                raise PayloadError(
                    f"{where} has more digits than Python reads"
                ) from None
        if text.startswith("-") and text[1:].isascii() and text[1:].isdigit():
            raise PayloadError(
                f"{where} is {value!r}, not a code: codes are never negative"
            )
    raise PayloadError(f"{where} is {value!r}, not a code")


def _pair(
    code: int,
    subcode: int | None,
    where: str,
    message: str | None,
    sip: SipDetails | None = None,
    q850: Q850Details | None = None,
) -> PayloadResult:
    import re  # here, not at the top: the module's import stays cheap

    found = re.search(_DIAG, message) if message else None
    diagnostic = None if found is None else (int(found.group(1)), int(found.group(2)))
    return (code, subcode, where, message, diagnostic, sip, q850)


#: Keys of an event's type (lower case): a CloudEvent's ``type``, an Event
#: Grid event's ``eventType``.
_EVENT_KEYS = ("type", "eventtype", "event_type")


def find_event(payload: object) -> str | None:
    """The type of the event ``payload`` is, or None: a CloudEvent's ``type``
    (``Microsoft.Communication.RecognizeFailed``) or an Event Grid event's
    ``eventType``, in a mapping (any case), in a list of one event, or on an
    SDK object (``type``, ``event_type``); else the class name of a Call
    Automation SDK event object (``RecognizeFailed``, which holds
    ``result_information``). Reads parsed payloads: JSON text is not parsed.
    """
    if isinstance(payload, Mapping):
        mapping = typing.cast("Mapping[object, object]", payload)
        folded = {str(key).lower(): key for key in mapping}
        for name in _EVENT_KEYS:
            key = folded.get(name)
            value = None if key is None else mapping[key]
            if isinstance(value, str) and value:
                return value
        return None
    if isinstance(payload, (str, bytes, bytearray)):
        return None
    if isinstance(payload, Sequence):
        items = typing.cast("Sequence[object]", payload)
        return find_event(items[0]) if len(items) == 1 else None
    for attribute in ("type", "event_type"):
        value = getattr(payload, attribute, None)
        if isinstance(value, str) and value:
            return value
    if getattr(payload, "result_information", None) is not None:
        return type(payload).__name__
    return None
