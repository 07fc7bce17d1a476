"""Python source for values: the only place spec text becomes code.

Templates never paste spec text; they place what these functions return, so a
quote, a backslash or a ``{{`` in a message stays data.
"""

from __future__ import annotations

import textwrap
import unicodedata

#: Unicode categories of characters that read as ASCII ones (typographic
#: quotes and dashes, odd spaces): linters flag them as ambiguous, so the
#: module spells them as escapes. The documents use them (U+2019, U+2013).
_LOOKALIKE = frozenset({"Pd", "Pi", "Pf", "Zs"})


def _escaped(text: str) -> str:
    """``repr(text)`` with non-ASCII look-alike characters as ``\\uXXXX``."""
    return "".join(
        (
            f"\\u{ord(ch):04x}"
            if ord(ch) > 127 and unicodedata.category(ch) in _LOOKALIKE
            else ch
        )
        for ch in repr(text)
    )


def _lookalike(text: str) -> bool:
    return any(ord(ch) > 127 and unicodedata.category(ch) in _LOOKALIKE for ch in text)


def py_literal(value: str | int | tuple[str, ...] | None) -> str:
    """A Python expression that evaluates to ``value``.

    >>> py_literal('say "hi"\\n')
    '\\'say "hi"\\\\n\\''
    >>> py_literal("you" + chr(0x2019) + "re")
    "'you\\\\u2019re'"
    """
    if isinstance(value, str):
        return _escaped(value)
    if value is None or isinstance(value, int):
        return repr(value)
    if isinstance(value, tuple) and all(isinstance(item, str) for item in value):
        items = [_escaped(item) for item in value]
        return f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})"
    raise TypeError(f"no literal for {type(value).__name__}")  # pragma: no cover


def py_docstring(text: str, indent: str = "    ") -> str:
    """A string literal to stand as a docstring, readable in source and on hover.

    Lines are stripped and wrapped at 72 columns (bullets keep a hanging
    indent), and continuation lines are indented to ``indent``: tools read
    docstrings through ``inspect.cleandoc``, so the text they show is the
    catalog's, whitespace aside. Text that a triple-quoted literal cannot hold
    as it is (backslashes, quotes at the edges, control or invisible
    characters) falls back to ``repr``, which is always exact.
    """
    lines: list[str] = []
    for line in text.strip().splitlines():
        line = line.strip()
        hanging = "  " if line.startswith("- ") else ""
        lines.extend(
            textwrap.wrap(
                line,
                width=72,
                subsequent_indent=hanging,
                break_long_words=False,
                break_on_hyphens=False,
            )
            or [""]
        )
    # Blank lines stay empty: indenting them would leave trailing whitespace.
    body = "\n".join(lines[:1] + [indent + line if line else "" for line in lines[1:]])
    plain = all(ch == "\n" or ch.isprintable() for ch in body)
    if (
        plain
        and not _lookalike(body)
        and body
        and '"""' not in body
        and "\\" not in body
        and not body.endswith('"')
    ):
        return '"""' + body + '"""'
    return _escaped(text.strip())


def py_comment(text: str) -> str:
    """``text`` made safe to follow a ``#``: itself when it is one printable line,
    else its ``repr``. A newline or carriage return in a path would otherwise end
    the comment and start a line of code.

    >>> py_comment("spec/codes.yaml")
    'spec/codes.yaml'
    """
    return text if text.isprintable() else repr(text)


def py_literal_list(items: list[str]) -> str:
    """A list display of string literals, in the order given."""
    return "[" + ", ".join(py_literal(item) for item in items) + "]"
