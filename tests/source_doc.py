"""The documents spec/codes.yaml follows, for the tests that check the catalog against them.

spec/codes.yaml lists its sources: each a document's title and ``ms.date``. The
documents themselves lie beside the repository: the seed in ``shared/seed/``,
the other calling documents in ``shared/acs-docs/`` (CI always has both). A
source's document is the file whose front-matter title is the source's title.
While the file's date is the source's, the tests check the catalog against it.
Once a source follows a newer document than the copy beside the repository,
that copy says nothing about it: the checks then need the document, given as
``ACS_SOURCE_DOC=path/to/doc.md`` (several, separated by ``os.pathsep``), and
are skipped without it, with the reason.

A document that is not there at all is a skip on a developer's machine and a
failure in CI (the ``CI`` variable set) or when ``ACS_SOURCE_DOC`` names it.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SPEC_PATH = ROOT / "spec" / "codes.yaml"
SHARED = ROOT.parent / "shared"
SEED_PATH = SHARED / "seed" / "000_1eaf3bdabe79a899.txt"
DOCS_DIR = SHARED / "acs-docs"
#: The seed's content: facts that hold for this file only (its row counts)
#: are checked only against a document with this hash.
SEED_SHA256 = "91f418cd8eaa7b298b7195dd89064c6ea7a1fd2dc72c3508879eb36695e8ff23"
#: The seed's title and ms.date.
SEED_TITLE = "Understanding calling codes and subcodes errors"
SEED_DATE = "2024-10-15"
ENV_VAR = "ACS_SOURCE_DOC"


@dataclass(frozen=True)
class SourceDoc:
    """The document to check one source of the spec against, or why there is none."""

    source: str
    path: Path | None
    #: Why ``path`` is None; empty when it is not.
    reason: str = ""
    #: A missing document fails the tests instead of skipping them.
    required: bool = False

    @property
    def is_seed(self) -> bool:
        """True when the document is the seed file itself, byte for byte."""
        if self.path is None:
            return False
        return hashlib.sha256(self.path.read_bytes()).hexdigest() == SEED_SHA256

    def require(self) -> Path:
        """The document's path; skips (or fails) the calling test without one."""
        if self.path is None:
            if self.required:
                pytest.fail(self.reason, pytrace=False)
            pytest.skip(self.reason)
        return self.path


def front_matter(text: str) -> dict[str, str]:
    """The metadata a doc starts with: ``---`` YAML, or ``| key | value |`` lines."""
    text = text.replace("\r\n", "\n")
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            data = yaml.safe_load(text[4:end])
            if isinstance(data, dict):
                return {str(k): str(v) for k, v in data.items()}
    fields: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 2 and not re.fullmatch(r"-+", cells[0]):
            fields[cells[0]] = cells[1]
    return fields


def iso_date(ms_date: str) -> str:
    """``10/15/2024`` (the doc's ``ms.date``) as ``2024-10-15`` (the spec's)."""
    month, day, year = ms_date.split("/")
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"


def spec_sources() -> list[dict[str, str]]:
    """The spec's sources, as written."""
    data = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{SPEC_PATH} is not a mapping"
    sources = data["sources"]
    assert isinstance(sources, list), "sources is not a list"
    return [{str(k): str(v) for k, v in row.items()} for row in sources]


#: Later copies of the documents, searched before the others: a later commit of
#: an include may keep its title and ms.date (call-automation-sdk.md did).
NEWER_DIRS = ("2025",)


def _candidates() -> list[Path]:
    """The copies beside the repository, the newest folders first."""
    found: list[Path] = []
    if DOCS_DIR.is_dir():
        for folder in NEWER_DIRS:
            found += sorted(
                p for p in (DOCS_DIR / folder).glob("*.md") if p.name != "README.md"
            )
    found += [SEED_PATH] if SEED_PATH.is_file() else []
    if DOCS_DIR.is_dir():
        found += sorted(p for p in DOCS_DIR.glob("*.md") if p.name != "README.md")
    return found


def superseded_copies() -> list[tuple[Path, str]]:
    """The calling documents beside the repository that no source follows, each
    with the source whose title it has (a newer copy is that source's document)."""
    followed = {doc.path for doc in find_source_docs() if doc.path is not None}
    by_title = {row["title"]: row["id"] for row in spec_sources()}
    return [
        (path, by_title[_titles(path)[0]])
        for path in _candidates()
        if path not in followed and _titles(path)[0] in by_title
    ]


def _given() -> list[Path]:
    value = os.environ.get(ENV_VAR, "")
    return [Path(part) for part in value.split(os.pathsep) if part]


@cache
def _titles(path: Path) -> tuple[str, str]:
    """A document's title and ISO date ("" where it has none)."""
    front = front_matter(path.read_text(encoding="utf-8"))
    date = front.get("ms.date", "")
    return front.get("title", ""), iso_date(date) if date else ""


def find_doc(source: dict[str, str]) -> SourceDoc:
    """The document that ``source`` (a row of the spec's ``sources``) follows."""
    sid, title, date = source["id"], source["title"], source["date"]
    for path in _given():
        if not path.is_file():
            return SourceDoc(sid, None, f"{ENV_VAR} names {path}, not a file", True)
        if _titles(path)[0] == title:
            return SourceDoc(sid, path)
    for path in _candidates():
        doc_title, doc_date = _titles(path)
        if doc_title != title:
            continue
        if doc_date != date:
            return SourceDoc(
                sid,
                None,
                f"source {sid} follows the document of {date}, the copy at {path} "
                f"is of {doc_date}; set {ENV_VAR}=path/to/that/document.md to check "
                "the catalog against it",
            )
        return SourceDoc(sid, path)
    return SourceDoc(
        sid,
        None,
        f"no document titled {title!r} beside the repository (shared/seed, "
        f"shared/acs-docs): clone with shared/ beside it, or set {ENV_VAR}",
        required=bool(os.environ.get("CI")),
    )


def find_source_docs() -> list[SourceDoc]:
    """The document of every source of the spec, in the spec's order."""
    return [find_doc(source) for source in spec_sources()]


def find_source_doc() -> SourceDoc:
    """The seed's source: the document titled as the seed is."""
    for source in spec_sources():
        if source["title"] == SEED_TITLE:
            return find_doc(source)
    return SourceDoc("", None, f"the spec has no source titled {SEED_TITLE!r}")
