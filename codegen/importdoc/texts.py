"""What one source says of an entry: its wordings, compared whitespace aside."""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from typing import Any

from ruamel.yaml.comments import CommentedMap

from codegen.importdoc.yamledit import flow, scalar
from codegen.precedence import same_words

#: What one source says of an entry in one wording: its text fields, None
#: where it says nothing, and ``events``, a tuple of names or None.
Text = Mapping[str, Any]


#: Everything one source says of an entry: its wordings in document order.
Claim = tuple[Text, ...]


REASON_TEXT = ("message", "result_category", "advice")


CODE_TEXT = ("message", "advice")


SUBCODE_TEXT = ("message",)


def kind_of(item: CommentedMap) -> str:
    if "first" in item:
        return "code_classes"
    if "code" not in item:
        return "subcodes"
    return "reasons" if "subcode" in item else "codes"


def describe(item: CommentedMap) -> str:
    kind = kind_of(item)
    if kind == "reasons":
        return f"reason {item['code']}/{item['subcode']} {item['name']}"
    if kind == "subcodes":
        return f"subcode {item['subcode']} {item['name']}"
    if kind == "code_classes":
        return f"code class {item['name']}"
    return f"code {item['code']} {item['name']}"


def plain(value: object) -> str | None:
    return None if value is None else str(value)


def wording_of(text: Mapping[str, Any], fields: Sequence[str]) -> Text:
    """One wording of a spec mapping (an entry's own fields, or a variant)."""
    found: dict[str, Any] = {key: plain(text.get(key)) for key in fields}
    if "subcode" not in fields:
        events = text.get("events")
        found["events"] = tuple(str(e) for e in events) if events else None
    return found


def own_wording(item: CommentedMap, fields: Sequence[str]) -> Text:
    """The wording the entry's own fields give; subcode meanings carry no events."""
    text = wording_of(item, fields)
    if kind_of(item) in ("subcodes", "code_classes"):
        text.pop("events", None)  # type: ignore[attr-defined]
    return text


def as_list(variant: object) -> list[Mapping[str, Any]]:
    if isinstance(variant, Mapping):
        return [variant]
    if isinstance(variant, list):
        return [v for v in variant if isinstance(v, Mapping)]
    return []


def same_text(first: Text, second: Text, events: bool = True) -> bool:
    keys = (set(first) | set(second)) - (set() if events else {"events"})
    return all(same_words(first.get(k) or None, second.get(k) or None) for k in keys)


def _loose(value: object) -> object:
    """A text as one document's rows are compared: whitespace and a final
    period aside."""
    if isinstance(value, str):
        return " ".join(value.split()).removesuffix(".").rstrip()
    return value


def same_row_text(first: Text, second: Text) -> bool:
    """Whether two rows of one document give the same wording, events aside:
    equal but for whitespace and a final period (Microsoft's tables repeat a
    row with and without one)."""
    keys = (set(first) | set(second)) - {"events"}
    return all(
        _loose(first.get(k) or None) == _loose(second.get(k) or None) for k in keys
    )


def same_claims(first: Claim, second: Claim) -> bool:
    return len(first) == len(second) and all(
        same_text(a, b) for a, b in zip(first, second, strict=True)
    )


def yaml_value(key: str, value: object) -> object:
    if key == "events":
        return flow([str(e) for e in value])  # type: ignore[attr-defined]
    if key == "result_category":
        return value
    return scalar(str(value))


def variant_map(text: Text) -> CommentedMap:
    out = CommentedMap()
    for key in ("message", "result_category", "advice", "events"):
        value = text.get(key)
        if value:
            out[key] = yaml_value(key, value)
    return out


def unknown_category(spelling: str, known: Mapping[str, str]) -> str:
    """The message for a category the spec has no spelling of. The document
    misspells categories at times, so the way out is an alias, not an edit."""
    close = difflib.get_close_matches(spelling, list(known), n=1)
    if close:
        category = known[close[0]]
        return (
            f"unknown result category {spelling!r}; did you mean {close[0]!r}? If the "
            f"document spells it so, add {spelling!r} to the aliases of {category} "
            "in result_categories"
        )
    return (
        f"unknown result category {spelling!r} (expected one of: "
        f"{', '.join(sorted(known))}); if it is new, add it to result_categories"
    )
