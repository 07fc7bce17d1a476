"""The version follows the catalog: ``codegen changelog`` and its ``--check``.

Each test works in a git repository of its own, made in a temporary folder: a
pyproject.toml, a spec (the minimal golden case, changed by the test) and
CHANGELOG.md. The release before is found in that history by its spec's
sha256, and ``--check`` fails when the version does not bump enough for what
changed since: major for a breaking change, minor for an addition. Without git
the bump is not checked, and a note says why.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from codegen.changelog import PREAMBLE, parse_changelog, render_entry
from codegen.cli import main
from codegen.diagnostics import SpecError
from codegen.diff import diff_catalogs
from codegen.pipeline import load_catalog
from codegen.version import Version

ROOT = Path(__file__).resolve().parents[1]
BASE_SPEC = ROOT / "tests" / "golden" / "minimal" / "codes.yaml"
# Appended to the spec, whose last list is `reasons`: a subcode the base lacks.
NEW_MEMBER = """\
  - code: 0
    subcode: 4097
    name: ENDED_BY_ORGANIZER
    message: Call ended for all users by the meeting organizer.
    result_category: Success
"""
# A member renamed without keeping the old name: code written against it breaks.
RENAME = ("    name: TOKEN_INVALID\n", "    name: TOKEN_REJECTED\n")
REWORD = ("    message: Call not found.\n", "    message: Call was not found.\n")


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        [
            "git",
            *("-c", "user.name=Test", "-c", "user.email=test@example.invalid"),
            *("-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"),
            *args,
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


class Project:
    """A project in a git repository: set its version, change its spec, commit."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "spec").mkdir(parents=True)
        shutil.copy(BASE_SPEC, self.spec)
        self.set_version("0.1.0")
        _git(root, "init", "-q")

    @property
    def spec(self) -> Path:
        return self.root / "spec" / "codes.yaml"

    @property
    def changelog(self) -> Path:
        return self.root / "CHANGELOG.md"

    def set_version(self, version: str) -> None:
        (self.root / "pyproject.toml").write_text(
            f'[project]\nname = "example"\nversion = "{version}"\n', encoding="utf-8"
        )

    def edit(self, old: str, new: str) -> None:
        text = self.spec.read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        self.spec.write_text(text.replace(old, new), encoding="utf-8")

    def append(self, text: str) -> None:
        with self.spec.open("a", encoding="utf-8") as handle:
            handle.write(text)

    def release(self, date: str = "2026-01-01") -> None:
        """Write the changelog, mark the entry released, and commit it all."""
        assert main(["changelog"]) == 0
        text = self.changelog.read_text(encoding="utf-8")
        self.changelog.write_text(
            text.replace(" (unreleased)", f" ({date})", 1), encoding="utf-8"
        )
        self.commit()

    def commit(self) -> None:
        _git(self.root, "add", "-A")
        _git(self.root, "commit", "-q", "-m", "change")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    """A project whose first release, 0.1.0, is committed and released."""
    made = Project(tmp_path / "project")
    monkeypatch.chdir(made.root)
    made.release()
    return made


def check(capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["changelog", "--check"])
    captured = capsys.readouterr()
    assert captured.out == ""
    return status, captured.err


def test_the_first_release(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made = Project(tmp_path / "first")
    monkeypatch.chdir(made.root)
    assert main(["changelog"]) == 0
    text = made.changelog.read_text(encoding="utf-8")
    sha = load_catalog(Path("spec/codes.yaml")).spec_sha256
    assert text == (
        PREAMBLE + "\n"
        "## 0.1.0 (unreleased)\n\n"
        f"Spec sha256: {sha}\n"
        "Follows: A minimal catalog (2024-10-15)\n\n"
        "First release: 3 codes, 2 subcodes, 2 reasons (code and subcode pairs) "
        "and 1 code-level entries.\n"
    )
    assert main(["changelog", "--check"]) == 0
    assert main(["changelog"]) == 0
    assert made.changelog.read_text(encoding="utf-8") == text


def test_a_released_unchanged_catalog_passes(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check(capsys) == (0, "")


def test_a_change_to_a_released_catalog_needs_a_new_version(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    project.append(NEW_MEMBER)
    assert check(capsys) == (
        1,
        "CHANGELOG.md:13:1: error: the catalog changed since 0.1.0 was released: "
        "set [project] version in pyproject.toml to at least 0.2.0 (semver: minor), "
        "then run make changelog\n"
        "1 error; CHANGELOG.md left as it was\n",
    )


@pytest.mark.parametrize(
    ("version", "needed", "to"),
    [("0.1.1", "minor", "0.2.0"), ("0.2.0", None, None)],
    ids=["patch-is-too-little", "minor-is-enough"],
)
def test_a_new_member_needs_a_minor_bump(
    project: Project,
    capsys: pytest.CaptureFixture[str],
    version: str,
    needed: str | None,
    to: str | None,
) -> None:
    project.append(NEW_MEMBER)
    project.set_version(version)
    if needed is not None:
        assert main(["changelog"]) == 1
        assert capsys.readouterr().err.splitlines()[0] == (
            f"CHANGELOG.md:13:1: error: {version} is a patch bump from 0.1.0, but the "
            f"catalog's changes since then need {needed}: set [project] version in "
            f"pyproject.toml to {to}"
        )
        return
    assert check(capsys)[0] == 1  # no entry for 0.2.0 yet
    assert main(["changelog"]) == 0
    capsys.readouterr()
    text = project.changelog.read_text(encoding="utf-8")
    entry = text[text.index("## 0.2.0") : text.index("## 0.1.0")]
    assert entry.splitlines()[:2] == ["## 0.2.0 (unreleased)", ""]
    assert entry.splitlines()[4:] == [
        "",
        "Changes since 0.1.0: semver minor.",
        "",
        "### Added (an exhaustive match over the enum must handle each new member)",
        "",
        "- added SubCode.ENDED_BY_ORGANIZER (4097): exhaustive matches must handle it",
        "",
    ]
    assert check(capsys) == (0, "")


@pytest.mark.parametrize(
    ("version", "status"), [("0.2.0", 1), ("1.0.0", 0)], ids=["minor", "major"]
)
def test_a_breaking_change_needs_a_major_bump(
    project: Project, capsys: pytest.CaptureFixture[str], version: str, status: int
) -> None:
    project.edit(*RENAME)
    project.set_version(version)
    assert main(["changelog"]) == status
    captured = capsys.readouterr()
    if status:
        assert "but the catalog's changes since then need major" in captured.err
        assert "to 1.0.0" in captured.err
        return
    text = project.changelog.read_text(encoding="utf-8")
    assert (
        "### Breaking\n\n- renamed SubCode.TOKEN_INVALID -> SubCode.TOKEN_REJECTED (4507)\n"
        in text
    )
    assert check(capsys) == (0, "")


def test_rewording_is_a_patch_and_the_entry_follows_later_changes(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    project.edit(*REWORD)
    project.set_version("0.1.1")
    assert main(["changelog"]) == 0
    project.commit()
    assert "### Changed\n\n- reworded Code.CALL_NOT_FOUND (404): message\n" in (
        project.changelog.read_text(encoding="utf-8")
    )
    # More changes before the release: the unreleased entry is rewritten, and
    # the version must still cover all of them.
    project.append(NEW_MEMBER)
    capsys.readouterr()
    assert check(capsys)[0] == 1
    project.set_version("0.2.0")
    assert main(["changelog"]) == 0
    text = project.changelog.read_text(encoding="utf-8")
    assert "0.1.1" not in text
    assert re.findall(r"^## (\S+)", text, re.MULTILINE) == ["0.2.0", "0.1.0"]
    capsys.readouterr()
    assert check(capsys) == (0, "")


def test_a_stale_entry_fails_the_check(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    project.append(NEW_MEMBER)
    project.set_version("0.2.0")
    assert main(["changelog"]) == 0
    text = project.changelog.read_text(encoding="utf-8")
    project.changelog.write_text(text.replace("- added", "- new"), encoding="utf-8")
    capsys.readouterr()
    assert check(capsys) == (1, "CHANGELOG.md is stale: run make changelog\n")


def test_without_git_the_bump_is_not_checked(
    project: Project,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """As in an unpacked sdist: the newest entry must still be the version's
    and record its spec, but the release before cannot be read."""
    project.append(NEW_MEMBER)
    project.set_version("0.1.1")  # too little, but nothing can tell
    assert main(["changelog"]) == 1  # with git, it can
    capsys.readouterr()
    project.set_version("0.2.0")
    assert main(["changelog"]) == 0
    copy = tmp_path / "unpacked"
    shutil.copytree(project.root, copy, ignore=shutil.ignore_patterns(".git"))
    monkeypatch.chdir(copy)
    capsys.readouterr()
    status, err = check(capsys)
    assert status == 0
    assert err.startswith(
        "CHANGELOG.md: note: the bump from 0.1.0 is not checked: git cannot give "
        "the spec of 0.1.0: "
    )
    # Writing the entry needs the diff, so it fails.
    assert main(["changelog"]) == 1
    assert capsys.readouterr().err.startswith(
        "CHANGELOG.md: error: cannot write the entry: the bump from 0.1.0 is not "
        "checked: git cannot give the spec of 0.1.0: "
    )
    (copy / "pyproject.toml").write_text(
        '[project]\nname = "example"\nversion = "0.2.1"\n', encoding="utf-8"
    )
    status, err = check(capsys)
    assert status == 1
    assert "CHANGELOG.md:13:1: error: no entry for 0.2.1: run make changelog" in err


def test_a_release_missing_from_the_history_is_an_error(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    text = project.changelog.read_text(encoding="utf-8")
    sha = load_catalog(Path("spec/codes.yaml")).spec_sha256
    project.changelog.write_text(text.replace(sha, "0" * 64), encoding="utf-8")
    project.set_version("0.1.1")
    assert check(capsys) == (
        1,
        "CHANGELOG.md:13:1: error: no commit in the history of HEAD has the "
        f"spec/codes.yaml of 0.1.0 (sha256 {'0' * 64})\n"
        "1 error; CHANGELOG.md left as it was\n",
    )


def test_an_older_version_than_the_release_is_an_error(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    project.set_version("0.0.9")
    status, err = check(capsys)
    assert status == 1
    assert err.startswith(
        "CHANGELOG.md:13:1: error: the version 0.0.9 is older than the last release, "
        "0.1.0\n"
    )


@pytest.mark.parametrize(
    ("entries", "errors"),
    [
        (
            "## 0.2 (unreleased)\n\nSpec sha256: " + "a" * 64 + "\n",
            ["CHANGELOG.md:3:1: error: an entry's heading is '## MAJOR.MINOR.PATCH "
             "(unreleased)' or '## MAJOR.MINOR.PATCH (YYYY-MM-DD)'"],
        ),
        (
            "## 0.2.0 (2026-01-02)\n\nno hash\n",
            ["CHANGELOG.md:3:1: error: the entry of 0.2.0 has no 'Spec sha256:' line"],
        ),
        (
            "## 0.2.0 (2026-01-02)\n\nSpec sha256: " + "a" * 64 + "\n\n"
            "## 0.3.0 (unreleased)\n\nSpec sha256: " + "b" * 64 + "\n",
            ["CHANGELOG.md:7:1: error: 0.3.0 is listed below 0.2.0; entries go newest "
             "first",
             "CHANGELOG.md:7:1: error: 0.3.0 is unreleased below a later entry; only "
             "the newest entry may be unreleased"],
        ),
    ],
    ids=["heading", "no-sha", "order"],
)  # fmt: skip
def test_a_malformed_changelog_is_reported_at_its_place(
    entries: str, errors: list[str]
) -> None:
    with pytest.raises(SpecError) as raised:
        parse_changelog("# Changelog\n\n" + entries, "CHANGELOG.md")
    assert [str(d) for d in raised.value.diagnostics] == errors


def test_an_unchanged_catalog_gets_an_entry_that_says_so() -> None:
    catalog = load_catalog(BASE_SPEC)
    unchanged = diff_catalogs(catalog, catalog)
    entry = render_entry(Version(0, 1, 1), catalog, (Version(0, 1, 0), unchanged))
    assert entry.splitlines()[-1] == "The catalog is as in 0.1.0."
