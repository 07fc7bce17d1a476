"""The explain command: ``python -m acs_call_codes CODE [SUBCODE] [--json]``
and ``--list``.

The same whatever the catalog says: the generator pastes this file's body into
generated/acs_call_codes.py (last, so a vendored copy keeps its command line),
and tests import it as it is. The names it takes from acs_call_codes are the
module's own there (runtime/__init__.py has the convention).
"""

from __future__ import annotations

# The module's own names, private ones included: pasted into it, this file's
# body uses them as its own.
# pyright: reportPrivateUsage=false
from collections.abc import Sequence

from acs_call_codes import (
    _CODE_INFO,
    _REASONS,
    _SUBCODE_INFO,
    SOURCES,
    SUBCODE_RULES,
    Code,
    Explanation,
    MatchLevel,
    Q850Cause,
    Q850Details,
    SipDetails,
    SipStatus,
    Source,
    SubCode,
    Wording,
    __version__,
    _fill_tables,
    _raw_int,
    _rows_of,
    explain,
    explain_payload,
)

__all__ = ["_describe", "_main"]


def _facts(found: Explanation) -> dict[str, object]:
    """Every fact of ``found`` that the command shows, as JSON values; the
    schema is docs/explain.schema.json."""
    code = Code.parse(found.code)
    subcode = None if found.subcode is None else SubCode.parse(found.subcode)
    category = found.result_category
    reason, rule, rule_value = found.reason, found.rule, None
    if rule is not None and found.subcode is not None:
        rule_value = rule.read(found.subcode)
    return {
        "code": found.code,
        "code_name": None if code is None else code.name,
        "subcode": found.subcode,
        "subcode_name": None if subcode is None else subcode.name,
        "match": found.match.value,
        "matched": _matched(found),
        "message": found.message,
        "result_category": None if category is None else category.value,
        "advice": found.advice,
        "sources": [
            {"id": s.id, "title": s.title, "date": s.date, "url": s.url}
            for s in _sources_of(found)
        ],
        # The row that answered: the pair's own, or (rung subcode) the one
        # row of the subcode under another code.
        "row": (
            None
            if reason is None
            else {"code": int(reason.code), "subcode": int(reason.subcode)}
        ),
        "subcode_info": (
            None
            if found.subcode_info is None
            else {
                "subcode": int(found.subcode_info.subcode),
                "message": found.subcode_info.message,
            }
        ),
        "rule": (
            None
            if rule is None
            else {
                "name": rule.name,
                "first": rule.first,
                "last": rule.last,
                "reads": rule.reads,
                "value": rule_value,
                "direction": rule.direction,
            }
        ),
        "code_info": found.code_info is not None,
        "subcode_documented_with": _documented_with(found),
        "code_class": None if found.code_class is None else found.code_class.value,
        "is_success": found.is_success,
        "is_error": found.is_error,
        "is_unexpected": found.is_unexpected,
        # The answering row's wording that ``message`` says, why that one, and
        # the row's other wordings with their events and sources.
        "wording": None if found.wording is None else _wording_facts(found.wording),
        "wording_choice": (
            None if found.wording_choice is None else found.wording_choice.value
        ),
        "other_wordings": [_wording_facts(w) for w in _other_wordings(found)],
        "category_from": _category_from(found),
        "class_info": (
            None
            if found.class_info is None
            else {
                "message": found.class_info.message,
                "sources": list(found.class_info.sources),
            }
        ),
        "sip_details": _detail_facts(found.sip_details),
        "q850_details": _detail_facts(found.q850_details),
    }


def _detail_facts(detail: SipDetails | Q850Details | None) -> dict[str, object] | None:
    """A payload's ``sipDetails`` or ``q850Details`` as the command prints it:
    the code and the payload's words, and the member and standard phrase of
    the code where SipStatus or Q850Cause names it."""
    if detail is None:
        return None
    member = _member_of(detail)
    return {
        "code": detail.code,
        "message": detail.message,
        "name": None if member is None else member.name,
        "phrase": None if member is None else member.phrase,
    }


def _member_of(detail: SipDetails | Q850Details) -> SipStatus | Q850Cause | None:
    return detail.status if isinstance(detail, SipDetails) else detail.cause


def _detail_line(detail: SipDetails | Q850Details) -> str:
    """A ``sip:`` or ``q850:`` line of the text output: the code, the
    payload's words, and the member's name (with the standard's phrase where
    the payload's words are not it)."""
    member = _member_of(detail)
    text = f"{detail.code}" + ("" if detail.message is None else f" {detail.message}")
    if member is not None:
        shown = f"{type(member).__name__}.{member.name}"
        if (
            detail.message is None
            or detail.message.casefold() != member.phrase.casefold()
        ):
            shown += f": {member.phrase}"
        text += f" ({shown})"
    return text


def _wording_facts(wording: Wording) -> dict[str, object]:
    category = wording.result_category
    return {
        "message": wording.message,
        "advice": wording.advice,
        "result_category": None if category is None else category.value,
        "events": list(wording.events),
        "sources": list(wording.sources),
    }


def _other_wordings(found: Explanation) -> list[Wording]:
    """The answering row's wordings but the one ``found`` says."""
    row = found.reason if found.reason is not None else found.code_info
    if row is None or found.wording is None:
        return []
    return [w for w in row.wordings if w is not found.wording]


def _category_from(found: Explanation) -> str | None:
    """Where the category comes from, in words, when not from the pair's own
    row: the row it borrows (or why that row lends none), the code's class;
    None otherwise."""
    reason = found.reason
    borrowed = found.match is MatchLevel.SUBCODE and reason is not None
    if found.class_info is not None:
        text = f"the code's class: {found.class_info.message!r}"
        if borrowed and reason is not None and reason.result_category is not None:
            text += (
                f" (row {int(reason.code)}/{int(reason.subcode)} says "
                f"{reason.result_category.value}, which it does not lend to code "
                f"{found.code})"
            )
        return text
    if borrowed and reason is not None:
        row = f"row {int(reason.code)}/{int(reason.subcode)}"
        if found.result_category is not None:
            return f"{row}, whose outcome is this code's too"
        if reason.result_category is not None:
            return (
                f"none: {row} says {reason.result_category.value}, which it lends "
                "only to codes of the same outcome"
            )
    return None


def _sources_of(found: Explanation) -> list[Source]:
    """The documents of the row, meaning or rule that answered, the one whose
    words these are first; none where the answer is the catalog's own (a
    summary, a code class)."""
    record = found.reason or found.code_info or found.subcode_info or found.rule
    return [] if record is None else [SOURCES[s] for s in record.sources]


def _documented_with(found: Explanation) -> list[int]:
    """The codes the subcode is listed with, where that is news: the answer is
    not the pair's own row nor the subcode's one row. Subcode 0, "no detail",
    stands under many codes and says nothing."""
    if (
        found.match is MatchLevel.REASON
        or found.reason is not None
        or not found.subcode
    ):
        return []
    return sorted(int(r.code) for r in _rows_of(found.subcode) if r.code != found.code)


def _matched(found: Explanation) -> str:
    """Which rung answered, in words, with the note that the subcode is
    documented with other codes (a common slip when reading logs)."""
    if found.match is MatchLevel.REASON:
        matched = "reason (the row for this code and subcode)"
    elif found.match is MatchLevel.SUBCODE and found.reason is not None:
        matched = (
            "subcode (not listed with this code; the one row of subcode "
            f"{found.reason.subcode}, under code {int(found.reason.code)})"
        )
    elif found.match is MatchLevel.SUBCODE:
        matched = "subcode (what the subcode means whatever its code)"
    elif found.match is MatchLevel.RULE:
        rule = found.rule
        matched = (
            "rule ("
            + ("" if rule is None else f"{rule.name}: ")
            + ("a rule for this range of subcodes)")
        )
    elif found.match is MatchLevel.CODE:
        source = "the code's own row" if found.code_info else "the catalog's summary"
        matched = f"code ({source}; " + (
            "no subcode given)"
            if found.subcode is None
            else "subcode not listed with it)"
        )
    elif found.match is MatchLevel.CODE_CLASS:
        matched = "code class (only the range the code falls in)"
    else:
        matched = "unknown (the catalog has nothing on this code)"
    elsewhere = _documented_with(found)
    if elsewhere:
        matched += "; subcode {} is documented with code {}".format(
            found.subcode, ", ".join(map(str, elsewhere))
        )
    return matched


def _describe(found: Explanation, as_json: bool) -> str:
    """What ``python -m acs_call_codes`` prints for ``found``: labelled lines, or
    one JSON object (docs/explain.schema.json)."""
    import json

    facts = _facts(found)
    if as_json:
        return json.dumps(facts, indent=2)
    code, subcode = facts["code_name"], facts["subcode_name"]
    title = f"code {found.code}" + ("" if code is None else f" ({code})")
    if found.subcode is not None:
        title += f", subcode {found.subcode}"
        title += "" if subcode is None else f" ({subcode})"
    category = found.result_category
    shown_category = "none given" if category is None else category.value
    category_from = _category_from(found)
    if category is not None and category_from is not None:
        shown_category += f" (from {category_from})"
    elif category_from is not None:
        shown_category += f" ({category_from.removeprefix('none: ')})"
    rows = [
        ("message", found.message),
        ("category", shown_category),
        ("advice", found.advice or "none given"),
        (
            "sources",
            "\n".join(f"{s.id}: {s.title} ({s.date})" for s in _sources_of(found))
            or "none (the catalog's own words)",
        ),
    ]
    others = _other_wordings(found)
    if found.wording is not None and others:
        total = len(others) + 1
        why = {
            "event": "the one documented for the event",
            "message": "the one the service's message says",
            "first": "the first by precedence",
        }.get(str(facts["wording_choice"]), "")
        rows.append(("wording", f"{_wording_line(found.wording)}\n({why}, of {total})"))
        rows.append(("others", "\n".join(_wording_line(w) for w in others)))
    rows.append(("matched", str(facts["matched"])))
    # What the payload carried beside its pair (explain_payload): a PSTN call's
    # SIP response and Q.850 cause.
    if found.sip_details is not None:
        rows.append(("sip", _detail_line(found.sip_details)))
    if found.q850_details is not None:
        rows.append(("q850", _detail_line(found.q850_details)))
    # Continuation lines (the advice's bullets) line up under the first.
    return "\n".join(
        [title]
        + [
            f"{label + ':':<10}" + text.replace("\n", "\n" + " " * 10)
            for label, text in rows
        ]
    )


def _wording_line(wording: Wording) -> str:
    """One wording on a line: its message, then its events and sources."""
    events = ", ".join(wording.events) or "no event named"
    return f"{wording.message!r} [{events}; {', '.join(wording.sources)}]"


def _catalog(as_json: bool, code: int | None = None, subcode: int | None = None) -> str:
    """``--list``: every row of the catalog, one line each (or one JSON object):
    the pairs, the codes' own rows, the subcodes' meanings, the rules; with
    ``code``, that code's pairs and row alone; with ``subcode`` (``--list
    TOKEN_INVALID``), that subcode's pairs under every code and its meaning.
    Where the catalog has no row at all, ``note`` says so, and what it knows
    of the number instead."""
    import json

    def line(text: str) -> str:
        return " ".join(text.split())

    _fill_tables()
    reasons = sorted(
        (
            r
            for r in _REASONS.values()
            if (code is None or r.code == code)
            and (subcode is None or r.subcode == subcode)
        ),
        key=lambda r: (r.code, r.subcode),
    )
    whole = code is None and subcode is None
    codes = [c for c in Code if c == code] if code is not None else []
    codes = list(Code) if whole else codes
    if whole:
        meanings = list(_SUBCODE_INFO.values())
    else:
        meaning = None if subcode is None else _SUBCODE_INFO.get(subcode)
        meanings = [] if meaning is None else [meaning]
    rules = SUBCODE_RULES if whole else ()
    note = None
    if code is not None and not reasons and not codes:
        note = _no_row(code)
    if as_json:
        return json.dumps(
            {
                "reasons": [
                    {
                        "code": int(r.code),
                        "subcode": int(r.subcode),
                        "code_name": r.code.name,
                        "subcode_name": r.subcode.name,
                        "result_category": (
                            None
                            if r.result_category is None
                            else r.result_category.value
                        ),
                        "message": r.message,
                        "sources": list(r.sources),
                    }
                    for r in reasons
                ],
                "codes": [
                    {
                        "code": int(c),
                        "code_name": c.name,
                        "message": explain(c).message,
                        "code_info": c in _CODE_INFO,
                    }
                    for c in codes
                ],
                "subcodes": [
                    {
                        "subcode": int(i.subcode),
                        "subcode_name": i.subcode.name,
                        "message": i.message,
                        "sources": list(i.sources),
                    }
                    for i in meanings
                ],
                "rules": [
                    {
                        "name": r.name,
                        "first": r.first,
                        "last": r.last,
                        "message": r.message,
                    }
                    for r in rules
                ],
                "note": note,
            },
            indent=2,
        )
    if note is not None:
        return note
    out = [f"{len(reasons)} pair{'' if len(reasons) == 1 else 's'} (code, subcode):"]
    for r in reasons:
        category = "-" if r.result_category is None else r.result_category.value
        out.append(
            f"  {int(r.code):>3} {int(r.subcode):>7}  {r.code.name}/{r.subcode.name}"
            f"  [{category}]  {line(r.message)}"
        )
    out += [
        "",
        f"{len(codes)} code{'' if len(codes) == 1 else 's'}, whatever the subcode:",
    ]
    out += [f"  {int(c):>3}  {c.name}  {line(explain(c).message)}" for c in codes]
    if code is not None:
        return "\n".join(out)
    if subcode is not None:
        return "\n".join(
            out[:-2]
            + [
                "",
                f"{len(meanings)} meaning{'' if len(meanings) == 1 else 's'} whatever the code:",
            ]
            + [
                f"  {int(i.subcode):>7}  {i.subcode.name}  {line(i.message)}"
                for i in meanings
            ]
        )
    out += ["", f"{len(_SUBCODE_INFO)} subcodes, whatever the code:"]
    out += [
        f"  {int(i.subcode):>7}  {i.subcode.name}  {line(i.message)}" for i in meanings
    ]
    out += ["", f"{len(SUBCODE_RULES)} rules for ranges of subcodes:"]
    out += [f"  {r.first}-{r.last}  {r.name}  {line(r.message)}" for r in SUBCODE_RULES]
    return "\n".join(out)


def _no_row(code: int) -> str:
    """What ``--list CODE`` says of a code the catalog has no row for: that
    it has none, what explain knows of the code instead (its class), and,
    where the number is a subcode, how to list that."""
    found = explain(code)
    text = f"The catalog has no row for code {code}: no pair, no row of the code alone."
    if found.match is MatchLevel.CODE_CLASS:
        text += f" Only its range is known: {found.message}"
    else:
        text += " Nor does it fall in a range the catalog knows."
    member = SubCode.parse(code)
    if member is not None:
        text += (
            f" {code} is a subcode, SubCode.{member.name}: --list "
            f"SubCode.{member.name} lists its rows."
        )
    return text


def _main(
    argv: Sequence[str] | None = None,
    prog: str | None = None,
    epilog: str | None = None,
) -> int:
    """Explain a code (and subcode) from the shell; returns the exit status.

    ``python -m acs_call_codes 487 10004 [--json]``, ``--list`` for the whole
    catalog, or ``acs-call-codes`` where the package is installed. ``prog`` is
    the command's name in messages (argparse's default: the program's file
    name); ``epilog`` ends the help. Input that is not a code is a usage
    error: argparse prints the message and exits with status 2.
    """
    # Imported here, not at the top, so that importing the module stays cheap.
    import argparse

    def number_or_name(text: str, enum: type[Code | SubCode]) -> int:
        number = _raw_int(text)
        if number is not None:
            return number
        digits = text.strip()
        if digits.isascii() and digits.isdigit():
            raise argparse.ArgumentTypeError(
                f"a number of {len(digits):,} digits is more than Python reads"
            )
        name = digits.removeprefix(f"{enum.__name__}.").upper()
        if name in enum.__members__:
            return int(enum[name])
        if enum is Code:
            raise argparse.ArgumentTypeError(
                f"not a code: {text!r} (a number or a Code name, such as 487 "
                "or CALL_CANCELED)"
            )
        raise argparse.ArgumentTypeError(
            f"not a subcode: {text!r} (a number or a SubCode name, such as 10004 "
            "or RING_TIMEOUT)"
        )

    def code_argument(text: str) -> int | str:
        # A lone SubCode name stands for its subcode under its one code.
        # "SubCode.X" says which it is; a bare X is a Code name where both are.
        given = text.strip()
        name = given.removeprefix("SubCode.").upper()
        if (
            _raw_int(text) is None
            and name in SubCode.__members__
            and (name not in Code.__members__ or given.startswith("SubCode."))
        ):
            return name
        return number_or_name(text, Code)

    parser = argparse.ArgumentParser(
        prog=prog,
        description="Say what an Azure Communication Services call end code and "
        "subcode mean, as far as the catalog knows.",
        epilog=epilog,
    )
    parser.add_argument(
        "code",
        type=code_argument,
        nargs="?",
        metavar="CODE",
        help="the code, such as 487 or CALL_CANCELED (or a SubCode name alone)",
    )
    parser.add_argument(
        "subcode",
        type=lambda text: number_or_name(text, SubCode),
        nargs="?",
        metavar="SUBCODE",
        help="the subcode, such as 10004 or RING_TIMEOUT",
    )
    parser.add_argument(
        "--event",
        metavar="EVENT",
        help="the callback event that carried the pair (CallDisconnected, or a "
        "CloudEvent type), to say the wording documented for it",
    )
    parser.add_argument(
        "--json", action="store_true", help="print one JSON object, for scripts"
    )
    parser.add_argument(
        "--list",
        action="store_true",
        help="print the whole catalog (pairs, codes, subcodes' meanings, rules), "
        "or with a CODE, its rows",
    )
    parser.add_argument(
        "--payload",
        metavar="FILE",
        help="explain the pair a payload carries (a callback body, an event, a "
        "call-log record, as explain_payload reads them) from FILE, or - for "
        "standard input",
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}"
    )
    args = parser.parse_args(argv)
    code, subcode = args.code, args.subcode
    if args.list:
        if subcode is not None:
            parser.error(
                "--list takes a CODE alone, or a SubCode name, to list its rows"
            )
        if isinstance(code, str):
            return _print(_catalog(args.json, subcode=int(SubCode[code])))
        return _print(_catalog(args.json, code))
    if args.payload is not None:
        if code is not None:
            parser.error("give a CODE or --payload FILE, not both")
        if args.event is not None:
            parser.error(
                "--payload reads the event from the payload; --event is for a CODE"
            )
        return _explain_file(args.payload, args.json, parser.prog)
    if code is None:
        parser.error("give a CODE (and a SUBCODE), --payload FILE, or --list")
    if isinstance(code, str):
        if subcode is not None:
            parser.error(f"{code} is a SubCode name; give the code first")
        member = SubCode[code]
        codes = sorted({int(r.code) for r in _rows_of(member)})
        if len(codes) != 1:
            where = ", ".join(map(str, codes)) or "no code"
            parser.error(
                f"SubCode.{member.name} ({int(member)}) is documented under {where}; "
                "give the code too"
            )
        code, subcode = codes[0], int(member)
    return _print(_describe(explain(code, subcode, event=args.event), args.json))


def _explain_file(path: str, as_json: bool, prog: str) -> int:
    """``--payload FILE``: the explanation of the payload the file holds; a
    file that cannot be read, or holds no readable code, is a data error:
    the message on standard error, exit status 1."""
    import sys

    try:
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as file:
                data = file.read()
    except OSError as exc:
        print(f"{prog}: error: cannot read {path}: {exc.strerror}", file=sys.stderr)
        return 1
    try:
        found = explain_payload(data)
    except (TypeError, ValueError) as exc:
        shown = "standard input" if path == "-" else path
        print(f"{prog}: error: {shown}: {exc}", file=sys.stderr)
        return 1
    return _print(_describe(found, as_json))


def _print(text: str) -> int:
    try:
        print(text, flush=True)
    except BrokenPipeError:
        # The reader went away (``| head``): nothing is lost, so no traceback.
        import os
        import sys

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    raise SystemExit(
        _main(prog=None if __spec__ is None else f"python -m {__spec__.name}")
    )
