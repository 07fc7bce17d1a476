"""The document spec/codes.yaml follows, for the tests that check the catalog against it.

spec/codes.yaml says which document it follows in ``source`` (its title and
``ms.date``). The seed, the document the catalog was written from, lies in
``shared/seed/`` beside the repository (CI always has it). As long as the spec
follows the seed's date, the seed is the document to check against. Once the
spec follows a newer document, the seed says nothing about it: the checks
then need that document, given as ``ACS_SOURCE_DOC=path/to/doc.md``, and are
skipped without it, with the reason.

A document that is not there is a skip on a developer's machine and a failure
in CI (the ``CI`` variable set) or when ``ACS_SOURCE_DOC`` names it.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SPEC_PATH = ROOT / "spec" / "codes.yaml"
SEED_PATH = ROOT.parent / "shared" / "seed" / "000_1eaf3bdabe79a899.txt"
#: The seed's content: facts that hold for this file only (its row counts)
#: are checked only against a document with this hash.
SEED_SHA256 = "91f418cd8eaa7b298b7195dd89064c6ea7a1fd2dc72c3508879eb36695e8ff23"
#: The seed's ms.date, so that a spec that follows a newer document needs no
#: seed to say so (test_seed.test_source checks it against the file).
SEED_DATE = "2024-10-15"
ENV_VAR = "ACS_SOURCE_DOC"


@dataclass(frozen=True)
class SourceDoc:
    """The document to check the spec against, or why there is none."""

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


def spec_date() -> str:
    data = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{SPEC_PATH} is not a mapping"
    date = data["source"]["date"]
    assert isinstance(date, str), "source.date is not a string"
    return date


def find_source_doc() -> SourceDoc:
    """The document spec/codes.yaml follows: ``$ACS_SOURCE_DOC``, else the seed
    while the spec's ``source.date`` is the seed's."""
    given = os.environ.get(ENV_VAR)
    if given:
        path = Path(given)
        if not path.is_file():
            return SourceDoc(None, f"{ENV_VAR}={given} is not a file", required=True)
        return SourceDoc(path)
    followed = spec_date()
    if followed != SEED_DATE:
        return SourceDoc(
            None,
            f"spec/codes.yaml follows the document of {followed}, the seed is of "
            f"{SEED_DATE}; set {ENV_VAR}=path/to/that/document.md to check the "
            "catalog against it",
        )
    if not SEED_PATH.is_file():
        return SourceDoc(
            None,
            f"the seed document is not at {SEED_PATH}: clone the repository with "
            "shared/seed beside it to check the catalog against it",
            required=bool(os.environ.get("CI")),
        )
    return SourceDoc(SEED_PATH)
