"""Finding the (code, subcode) pair in what users hold: SDK objects, callback
JSON, call-log records.

Standard library only, and independent of the catalog: the generator pastes
this file's body into generated/acs_call_codes.py, where ``explain_payload``
puts it to work; tests import it as it is (runtime/__init__.py has the
convention).
"""

import typing
from collections.abc import Iterator, Mapping, Sequence

__all__ = ["PayloadPair", "find_event", "find_pair"]

#: What find_pair finds: the code, the subcode (None when the payload has
#: none), where it was found (a path such as ``payload.data.resultInformation``),
#: the message beside it, and the pair a ``DiagCode: CODE#SUBCODE`` in that
#: message names. A plain tuple: a class would cost the module's import.
PayloadPair = tuple[int, int | None, str, str | None, tuple[int, int] | None]


#: Keys that hold a (code, subcode) object, by the payloads that use them: Call
#: Automation's resultInformation (and the older resultInfo), the Calling SDK's
#: callEndReason, Event Grid's CallEnded reason {code, subCode, phrase}, and
#: Azure Monitor's properties around a log record. A holder may be JSON text
#: (an exported column, a captured body); any other text is not a holder.
_HOLDERS = (
    "resultInformation",
    "result_information",
    "resultInfo",
    "callEndReason",
    "call_end_reason",
    "reason",
    "data",
    "properties",
    "body",
)
#: A code's key and its subcode's keys, most specific first; matched
#: case-insensitively (``subCode``, ``subcode`` and ``SubCode`` are one key).
_KEYS = (
    ("participantEndReason", ("participantEndSubCode",)),
    ("code", ("subCode", "sub_code")),
)
#: Keys of the message beside a pair (lower case): Call Automation's message,
#: an older resultMessage, Event Grid's CallEnded phrase.
_MESSAGE_KEYS = ("message", "resultmessage", "phrase")
#: ``DiagCode: 0#7000.@`` in a Call Automation message: the code and subcode of
#: the underlying service.
_DIAG = r"DiagCode:\s*(\d+)#(\d+)"
#: How deep payloads nest holders (event -> data -> resultInformation); more
#: is a shape this module does not know.
_MAX_DEPTH = 4


class _NoCodeError(ValueError):
    """A payload that holds no code at all, as opposed to one whose code is
    malformed: a log's report counts such records apart (an Event Grid stream
    carries many events without a result)."""


def find_pair(payload: object) -> PayloadPair:
    """The (code, subcode) pair ``payload`` carries.

    ``payload`` is what a service or a support engineer holds: an object with
    ``code`` and ``sub_code`` attributes (the Python Call Automation SDK's
    ``ResultInformation``) or a ``result_information`` attribute holding one
    (its events), or a ``reason`` (azure-eventgrid's ``AcsCallEndedEventData``);
    a mapping, or JSON text or bytes of one: a CloudEvent or an Event Grid event
    whose ``data`` holds ``resultInformation``, or ``reason`` (a CallEnded
    event), a Calling SDK ``callEndReason``, a call-log record with
    ``participantEndReason`` and ``participantEndSubCode`` (any case; numbers
    may be strings; in ``properties`` as a diagnostic export has them); or a
    list of exactly one such item. A holder kept as JSON text is read too, and
    text that is not JSON but names one pair (``{code: 487, subCode: 10004}``
    as a browser console prints it, a Python repr, ``participantEndReason=487``,
    a message with one ``DiagCode``).

    Raises TypeError for a payload of no known kind and ValueError for one
    that holds no usable code; the message says what was found, and where.
    """
    if isinstance(payload, (str, bytes, bytearray)):
        import json  # here, not at the top: the module's import stays cheap

        text = payload
        try:
            payload = json.loads(text)
        except ValueError as exc:
            found = _from_text(text)
            if found is None:
                raise ValueError(f"the payload is text but not JSON: {exc}") from None
            return found
    return _find(payload, "payload", 0)


#: ``code: 487`` and ``subCode: 10004`` in text that is not JSON: a JavaScript
#: object as a console prints it (``{code: 487, subCode: 10004}``), a Python
#: repr, a log line (``participantEndReason=487``). A letter before ``code``
#: makes another word (``DiagCode``, ``subCode``), so it is not the code.
_TEXT_CODE = (
    r"(?<![A-Za-z_])(?:code|participantEndReason)[\"']?\s*[:=]\s*[\"']?(\d+)(?![\d.])"
)
_TEXT_SUBCODE = r"(?<![A-Za-z_])(?:sub_?code|participantEndSubCode)[\"']?\s*[:=]\s*[\"']?(\d+)(?![\d.])"


def _from_text(text: str | bytes | bytearray) -> PayloadPair | None:
    """The pair named in text that is not JSON (or, where it names none, the
    pair of its one DiagCode); None when it names no code. Text that names
    more than one pair is a ValueError: a log of many calls is not one
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
        raise ValueError(
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


def _find(payload: object, where: str, depth: int) -> PayloadPair:
    if depth > _MAX_DEPTH:
        raise ValueError(f"{where}: nested deeper than any ACS payload")
    if isinstance(payload, (str, bytes, bytearray)) and not _plain_text(payload):
        import json  # here, not at the top: the module's import stays cheap

        try:
            payload = json.loads(payload)
        except ValueError as exc:
            raise ValueError(f"{where} is text but not JSON: {exc}") from None
    if isinstance(payload, Mapping):
        return _from_mapping(
            typing.cast("Mapping[object, object]", payload), where, depth
        )
    if isinstance(payload, Sequence) and not isinstance(payload, str):
        carriers = list(typing.cast("Sequence[object]", payload))
        if len(carriers) != 1:
            raise ValueError(
                f"{where}: a list of {len(carriers)} items; explain each item "
                "(a callback may carry several events)"
            )
        return _find(carriers[0], f"{where}[0]", depth + 1)
    for attribute in ("result_information", "call_end_reason", "reason", "data"):
        inner = getattr(payload, attribute, None)
        if inner is not None and not _plain_text(inner):
            return _find(inner, f"{where}.{attribute}", depth + 1)
    if hasattr(payload, "code"):
        code = _number(getattr(payload, "code", None), f"{where}.code")
        if code is None:
            raise _NoCodeError(f"{where}.code is None: the object carries no code")
        subcode = None
        for name in ("sub_code", "subcode", "sub_code_value"):
            if hasattr(payload, name):
                subcode = _number(getattr(payload, name), f"{where}.{name}")
                break
        message = getattr(payload, "message", None) or getattr(payload, "phrase", None)
        return _pair(
            code, subcode, where, message if isinstance(message, str) else None
        )
    kind = type(payload).__name__
    article = "an" if kind[:1].lower() in "aeiou" else "a"
    raise TypeError(
        f"{where}: {article} {kind}, which carries no code: expected an "
        "object with code and sub_code (or result_information), a mapping, or JSON"
    )


def _keys_of(
    payload: Mapping[object, object],
) -> Iterator[tuple[object, object | None, object | None]]:
    """The keys of ``payload`` that may hold its pair, most specific first:
    (the code's, the subcode's or None, the message's or None), matched
    case-insensitively as ``_KEYS`` and ``_MESSAGE_KEYS`` name them."""
    folded = {str(key).lower(): key for key in payload}
    message = next((folded[k] for k in _MESSAGE_KEYS if k in folded), None)
    for code_key, subcode_keys in _KEYS:
        key = folded.get(code_key.lower())
        if key is not None:
            subkey = next(
                (folded[k.lower()] for k in subcode_keys if k.lower() in folded),
                None,
            )
            yield key, subkey, message


def _from_mapping(
    payload: Mapping[object, object], where: str, depth: int
) -> PayloadPair:
    for key, subkey, message_key in _keys_of(payload):
        code = _number(payload[key], f"{where}.{key}")
        if code is None:
            continue
        subcode = (
            None if subkey is None else _number(payload[subkey], f"{where}.{subkey}")
        )
        message = None if message_key is None else payload[message_key]
        return _pair(
            code, subcode, where, message if isinstance(message, str) else None
        )
    folded = {str(key).lower(): key for key in payload}
    for holder in _HOLDERS:
        key = folded.get(holder.lower())
        if (
            key is not None
            and payload[key] is not None
            and not _plain_text(payload[key])
        ):
            return _find(payload[key], f"{where}.{key}", depth + 1)
    keys = ", ".join(sorted(str(k) for k in payload)[:12]) or "none"
    raise _NoCodeError(
        f"{where}: no code here (keys: {keys}); expected code and subCode, "
        "participantEndReason and participantEndSubCode, or an object holding "
        "them: resultInformation, callEndReason, reason, data, properties"
    )


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
    or an empty string."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise TypeError(f"{where} is a bool ({value!r}), not a code")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
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
                raise ValueError(f"{where} has more digits than Python reads") from None
    raise ValueError(f"{where} is {value!r}, not a code")


def _pair(
    code: int, subcode: int | None, where: str, message: str | None
) -> PayloadPair:
    import re  # here, not at the top: the module's import stays cheap

    found = re.search(_DIAG, message) if message else None
    diagnostic = None if found is None else (int(found.group(1)), int(found.group(2)))
    return (code, subcode, where, message, diagnostic)


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
