"""``report`` counts the SIP responses and Q.850 causes that results carry
beside their pair (``sipDetails``, ``q850Details`` in any spelling), as
``find_result`` finds them, whether or not a learned shape reads the rest of
the log; the table, JSON (docs/report.schema.json) and the counts agree.
"""

from __future__ import annotations

import io
import json
import random
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import _report
import jsonschema
import pytest
from acs_call_codes import NoCodeError, find_result

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
SIP_KEYS = ("sipDetails", "SipDetails", "sip_details")
Q850_KEYS = ("q850Details", "Q850Details", "q850_details")


def tally_of(text: str) -> _report.Tally:
    tally = _report.Tally()
    _report.read(io.BytesIO(text.encode("utf-8")), "log", tally)
    return tally


def event(seed: int) -> dict[str, object]:
    """A PSTN callback event: most carry no details, some carry a SIP
    response (486, 503 or one no registry names), some a Q.850 cause too, or
    null details."""
    rng = random.Random(seed)
    result: dict[str, object] = {"code": 500, "subCode": 560486, "message": "m"}
    kind = rng.randrange(5)
    if kind == 1:
        result[rng.choice(SIP_KEYS)] = {"code": rng.choice([486, 503, 499])}
    elif kind == 2:
        result[rng.choice(SIP_KEYS)] = {"code": 486, "message": "Busy Here"}
        result[rng.choice(Q850_KEYS)] = {"code": 17, "message": "User busy"}
    elif kind == 3:
        result["sipDetails"] = None
        result["q850Details"] = None
    return {
        "type": "Microsoft.Communication.CallDisconnected",
        "data": {"resultInformation": result},
    }


def reference(values: Sequence[object]) -> tuple[Counter[int], Counter[int], int]:
    """SIP and Q.850 counts, record by record through find_result alone."""
    sip: Counter[int] = Counter()
    q850: Counter[int] = Counter()
    with_code = 0
    for value in values:
        try:
            found = find_result(value)
        except NoCodeError:
            continue
        with_code += 1
        if found[5] is not None:
            sip[found[5].code] += 1
        if found[6] is not None:
            q850[found[6].code] += 1
    return sip, q850, with_code


@pytest.mark.parametrize("first", ["plain", "null details", "details"])
def test_details_are_counted_whatever_shape_was_learned(first: str) -> None:
    # The first record decides which shape is learned; every record with
    # details must still be counted.
    head = {
        "plain": event(0),
        "null details": {
            "data": {
                "resultInformation": {
                    "code": 500,
                    "subCode": 560486,
                    "message": "m",
                    "sipDetails": None,
                    "q850Details": None,
                }
            },
            "type": "x",
        },
        "details": event(2),
    }[first]
    values = [head] + [event(seed) for seed in range(1, 400)]
    tally = tally_of("\n".join(json.dumps(v) for v in values))
    sip, q850, with_code = reference(values)
    assert (Counter(tally.sip), Counter(tally.q850)) == (sip, q850)
    assert tally.with_code == with_code == len(values)
    assert sip[486] and sip[499] and q850[17]


def test_records_without_details_stay_on_the_fast_path() -> None:
    plain = [
        event(seed)
        for seed in range(2000)
        if "Details" not in json.dumps(event(seed))
        and "details" not in json.dumps(event(seed))
    ]
    tally = tally_of("\n".join(json.dumps(v) for v in plain))
    assert tally.with_code == len(plain) > 100
    assert tally.searched < 5  # find_result read a handful; the shape the rest
    assert tally.sip == tally.q850 == {}


def test_a_negative_code_after_a_learned_shape_is_bad() -> None:
    lines = [json.dumps({"code": n, "subCode": 1}) for n in (5, 6, -1, 7)]
    tally = tally_of("\n".join(lines))
    assert (tally.with_code, tally.bad) == (3, 1)
    lines = [json.dumps({"code": 5, "subCode": s}) for s in (1, -2)]
    assert tally_of("\n".join(lines)).bad == 1


def test_csv_columns_of_details_are_read() -> None:
    text = (
        "ResultCode,ResultSubCode,SipDetails\n"
        '500,560486,"{""code"": 486, ""message"": ""Busy Here""}"\n'
        "500,560486,\n"
    )
    text = text.replace("ResultCode", "code").replace("ResultSubCode", "subCode")
    tally = tally_of(text)
    assert tally.with_code == 2
    assert tally.sip == {486: 1}


def test_table_and_json_show_the_details(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    values = [event(seed) for seed in range(300)]
    log = tmp_path / "callbacks.jsonl"
    log.write_text("\n".join(json.dumps(v) for v in values), encoding="utf-8")
    sip, q850, with_code = reference(values)

    assert _report.main([str(log), "--format", "json"], prog="report") == 0
    document = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator(SCHEMA).validate(document)
    assert {d["code"]: d["count"] for d in document["sip_details"]} == sip
    assert {d["code"]: d["count"] for d in document["q850_details"]} == q850
    counts = [d["count"] for d in document["sip_details"]]
    assert counts == sorted(counts, reverse=True)
    busy = next(d for d in document["sip_details"] if d["code"] == 486)
    assert (busy["name"], busy["phrase"]) == ("BUSY_HERE", "Busy Here")
    unnamed = next(d for d in document["sip_details"] if d["code"] == 499)
    assert unnamed["name"] is unnamed["phrase"] is None

    assert _report.main([str(log)], prog="report") == 0
    text = capsys.readouterr().out
    section = text.split("by SIP response (sipDetails):\n", 1)[1].split("\n\n", 1)[0]
    lines = section.splitlines()
    assert len(lines) == len(sip)
    assert lines[0].split()[:3] == ["486", "BUSY_HERE", f"{sip[486]:,}"]
    assert lines[0].endswith(f"{sip[486] / with_code:.1%}  Busy Here")
    assert any(line.split()[:2] == ["499", "-"] for line in lines)
    assert "by Q.850 cause (q850Details):\n  17  USER_BUSY" in text


def test_no_details_no_sections(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "calls.jsonl"
    log.write_text(json.dumps({"code": 487, "subCode": 10004}), encoding="utf-8")
    assert _report.main([str(log)], prog="report") == 0
    assert "sipDetails" not in capsys.readouterr().out
    assert _report.main([str(log), "--format", "json"], prog="report") == 0
    document = json.loads(capsys.readouterr().out)
    assert document["sip_details"] == document["q850_details"] == []
