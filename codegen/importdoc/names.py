"""Names for new members: proposed from a message, marked for review."""

from __future__ import annotations

import re

from ruamel.yaml.comments import CommentedSeq

#: The comment that marks a proposed name; ``grep -n "# review:" spec/codes.yaml``.
REVIEW_MARK = "review:"


# Words that carry no meaning in a name. "Call" is here because nearly every
# message starts with it.
_FILLER = frozenset(
    "A AN AND ARE AS AT BE BECAUSE BEEN BY CALL DID DUE FOR FROM HAS HAD HAVE IN IS IT "
    "ITS OF ON OR THE THAT THIS TO WAS WERE WITH".split()
)


#: Names are cut at this many words: long enough to say what happened, short
#: enough to type. The number is a judgement, not a rule of the language.
_NAME_WORDS = 4


def propose_name(message: str, number: int, prefix: str, taken: set[str]) -> str:
    """An UPPER_SNAKE name from the first sentence of ``message``, not in ``taken``.

    The same inputs always give the same name; ``number`` (the code or subcode)
    and then a counter make it unique.

    >>> propose_name("Call timed out. Retry.", 4506, "SUBCODE", set())
    'TIMED_OUT'
    """
    sentence = re.split(r"[.:;\n]", message, maxsplit=1)[0].replace("'", "")
    words = [w.upper() for w in re.findall(r"[A-Za-z0-9]+", sentence)]
    meaningful = [w for w in words if w not in _FILLER][:_NAME_WORDS]
    base = "_".join(meaningful) or prefix
    if not base[0].isalpha():
        base = f"{prefix}_{base}"
    candidates = [base, f"{base}_{number}"]
    candidates += (f"{base}_{number}_{n}" for n in range(2, len(taken) + 3))
    name = next(c for c in candidates if c not in taken)
    taken.add(name)
    return name


def taken_names(seq: CommentedSeq) -> set[str]:
    return {str(item["name"]) for item in seq} | {
        str(alias) for item in seq for alias in item.get("aliases", [])
    }


#: A name import proposed, as the dumped spec writes it: ``name: X  # review: ...``.
_MARKED_NAME = re.compile(r"^ +(?:- )?name: ([A-Z][A-Z0-9_]*) +#\s*" + REVIEW_MARK)


_LABELS = {"codes": "Code", "reasons": "SubCode", "subcodes": "SubCode"}


def marked_for_review(text: str) -> list[str]:
    """Each member whose name is marked for review, once, with the line of its
    name (where ``grep -n "# review:"`` finds it): Code members first.

    Read from the text, which the merge has just written: loading it again to
    find the marks would take as long as the merge itself.
    """
    found: dict[str, list[str]] = {"Code": [], "SubCode": []}
    seen: set[tuple[str, str]] = set()
    section = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if line and not line[0].isspace() and not line.startswith("#"):
            section = line.split(":", 1)[0]
        label = _LABELS.get(section)
        marked = _MARKED_NAME.match(line)
        if label is not None and marked and (label, marked[1]) not in seen:
            seen.add((label, marked[1]))
            found[label].append(f"{label}.{marked[1]} (line {number})")
    return [*found["Code"], *found["SubCode"]]
