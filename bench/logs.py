"""Call logs of any size, in the shapes ``report`` reads, for benchmarks and tests.

    python bench/logs.py OUT N [--shape summary|callbacks|mixed|csv|query] [--seed S]

``summary``: JSON Lines of ACSCallSummary records, with the table's columns as
Log Analytics exports them (ParticipantEndReason and ParticipantEndSubCode as
strings). ``callbacks``: JSON Lines, each a Call Automation callback body (an
array of one CloudEvent) of five event types (CallConnected,
ParticipantsUpdated and CallDisconnected without a result, PlayCompleted and
RecognizeFailed with one): 60% carry no result. ``mixed``: JSON Lines whose
shape changes on every line (an ACSCallSummary record, a CloudEvent, an Event
Grid CallEnded event, a Calling SDK callEndReason, a diagnostic export's
properties). ``csv``: ACSCallSummary as the portal's CSV export writes it (a
byte order mark, a header row, RFC 4180 quoting). ``query``: ACSCallSummary as
a Log Analytics query API response (``{"tables": [{"columns", "rows"}]}``).
The pairs follow a long-tailed mix of documented rows, subcodes
documented under another code, PSTN SIP subcodes and pairs nobody documents;
the same seed gives the same file.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

SHAPES = ("summary", "callbacks", "mixed", "csv", "query")

#: A mix of what real logs hold, most frequent first (weights are arbitrary
#: but long-tailed, as call-end reasons are).
PAIRS: tuple[tuple[int, int], ...] = (
    (0, 0),
    (0, 5300),
    (487, 10004),
    (480, 10037),
    (200, 7000),
    (603, 10003),
    (487, 560487),
    (410, 3112),
    (490, 4502),
    (500, 560503),
    (404, 560404),
    (400, 8535),
    (495, 4507),
    (408, 10057),
    (500, 9999999),
    (699, 1),
)

#: ACSCallSummary's columns, in the order Log Analytics exports them.
SUMMARY_COLUMNS: tuple[str, ...] = (
    "TenantId", "TimeGenerated", "OperationName", "OperationVersion", "Category",
    "CorrelationId", "CallStartTime", "CallDuration", "CallType", "TeamsThreadId",
    "ParticipantId", "ParticipantStartTime", "ParticipantDuration",
    "ParticipantEndReason", "ParticipantEndSubCode", "EndpointId", "EndpointType",
    "SdkVersion", "OsVersion", "PstnParticipantCallType", "ParticipantType",
    "Identifier", "SourceSystem", "Type", "_ResourceId",
)  # fmt: skip


def _pair(rng: random.Random) -> tuple[int, int]:
    # Zipf-like: the first pairs dominate, the tail stays in every large file.
    index = min(int(rng.paretovariate(1.2)) - 1, len(PAIRS) - 1)
    return PAIRS[index]


def summaries(n: int, seed: int = 1) -> Iterator[dict[str, object]]:
    """``n`` ACSCallSummary records; one in fifty has no end reason yet."""
    rng = random.Random(seed)
    for i in range(n):
        code, subcode = _pair(rng)
        ended = i % 50 != 7
        yield {
            "TenantId": "00000000-0000-0000-0000-000000000000",
            "TimeGenerated": f"2024-06-03T17:{i // 60 % 60:02d}:{i % 60:02d}.1234567Z",
            "OperationName": "CallSummary",
            "OperationVersion": "1.0",
            "Category": "CallSummary",
            "CorrelationId": f"8d2f8a3e-7f1a-4e1b-9c51-{i:012x}",
            "CallStartTime": "2024-06-03T17:20:00Z",
            "CallDuration": rng.randrange(1, 4000),
            "CallType": "P2P",
            "TeamsThreadId": "",
            "ParticipantId": f"a1b2c3d4-{i:08x}",
            "ParticipantStartTime": "2024-06-03T17:20:01Z",
            "ParticipantDuration": rng.randrange(1, 4000),
            "ParticipantEndReason": str(code) if ended else "",
            "ParticipantEndSubCode": str(subcode) if ended else "",
            "EndpointId": f"e{i:08x}",
            "EndpointType": "PSTN" if subcode >= 500000 else "VoIP",
            "SdkVersion": "1.23.1.1",
            "OsVersion": "Windows 10.0.19045",
            "PstnParticipantCallType": "",
            "ParticipantType": "ACS",
            "Identifier": f"8:acs:00000000-{i:08x}",
            "SourceSystem": "Azure",
            "Type": "ACSCallSummary",
            "_ResourceId": "/subscriptions/0/resourcegroups/rg/providers/microsoft.communication/communicationservices/acs",
        }


#: Call Automation events: the type, and whether it carries a result.
EVENTS: tuple[tuple[str, bool], ...] = (
    ("CallConnected", False),
    ("PlayCompleted", True),
    ("ParticipantsUpdated", False),
    ("RecognizeFailed", True),
    ("CallDisconnected", False),
)


def callbacks(n: int, seed: int = 1) -> Iterator[list[dict[str, object]]]:
    """``n`` Call Automation callback bodies, each an array of one CloudEvent
    of the five EVENTS in turn; three in five carry no result."""
    rng = random.Random(seed)
    for i in range(n):
        code, subcode = _pair(rng)
        kind, result = EVENTS[i % len(EVENTS)]
        data: dict[str, object] = {
            "callConnectionId": f"411f0b00-5d3b-4a7e-9d48-{i:012x}",
            "serverCallId": "aHR0cHM6Ly9hcGkuZXhhbXBsZS5pbnZhbGlkL2NhbGxz",
            "correlationId": f"4b5ee5b5-8df1-4f24-ab6d-{i:012x}",
        }
        if kind == "ParticipantsUpdated":
            data["sequenceNumber"] = i
            data["participants"] = [
                {"identifier": {"rawId": f"8:acs:{i:08x}", "kind": "communicationUser"},
                 "isMuted": False, "isOnHold": False}
            ]  # fmt: skip
        elif result:
            data["operationContext"] = "playPrompt"
            message = (
                "Action completed successfully." if code < 400 else "Action failed."
            )
            if code == 200:
                message += f" DiagCode: 0#{subcode}.@"
            data["resultInformation"] = {
                "code": code,
                "subCode": subcode,
                "message": message,
            }
        yield [
            {
                "id": f"7dec6eed-129c-43f3-a2bf-{i:012x}",
                "source": f"calling/callConnections/{i:08x}",
                "type": f"Microsoft.Communication.{kind}",
                "data": data,
                "time": f"2024-06-03T17:{i // 60 % 60:02d}:{i % 60:02d}.3025397+00:00",
                "specversion": "1.0",
                "datacontenttype": "application/json",
                "subject": f"calling/callConnections/{i:08x}",
            }
        ]


def mixed(n: int, seed: int = 1) -> Iterator[dict[str, object]]:
    """``n`` records whose shape changes on every line, five shapes in turn."""
    summary = summaries(n, seed)
    events = callbacks(n, seed)
    rng = random.Random(seed + 1)
    for i in range(n):
        record = next(summary)
        event = next(events)[0]
        code, subcode = _pair(rng)
        turn = i % 5
        if turn == 0:
            yield record
        elif turn == 1:
            yield event
        elif turn == 2:
            yield {
                "id": event["id"],
                "topic": "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Communication/CommunicationServices/acs",
                "subject": f"call/{i:08x}/startedBy/8:acs:0",
                "eventType": "Microsoft.Communication.CallEnded",
                "eventTime": event["time"],
                "data": {
                    "startedBy": {"communicationIdentifier": {"rawId": "8:acs:0"}},
                    "serverCallId": "aHR0cHM6Ly9hcGkuZXhhbXBsZS5pbnZhbGlkL2NhbGxz",
                    "reason": {
                        "code": code,
                        "subCode": subcode,
                        "phrase": "Call ended.",
                    },
                    "callDurationInSeconds": 12.5,
                },
                "dataVersion": "1.0",
            }
        elif turn == 3:
            yield {
                "callId": f"{i:08x}",
                "direction": "Outgoing",
                "callEndReason": {"code": code, "subCode": subcode},
                "time": event["time"],
            }
        else:
            yield {
                "time": record["TimeGenerated"],
                "resourceId": record["_ResourceId"],
                "operationName": "CallSummary",
                "category": "CallSummary",
                "correlationId": record["CorrelationId"],
                "properties": {
                    "participantId": record["ParticipantId"],
                    "endpointType": record["EndpointType"],
                    "sdkVersion": record["SdkVersion"],
                    "participantEndReason": record["ParticipantEndReason"],
                    "participantEndSubCode": record["ParticipantEndSubCode"],
                },
            }


def write(out: io.TextIOBase | io.StringIO, n: int, shape: str, seed: int = 1) -> None:
    """Write ``n`` records of ``shape`` to ``out``."""
    if shape == "csv":
        out.write("\ufeff")
        writer = csv.DictWriter(out, SUMMARY_COLUMNS, lineterminator="\r\n")
        header = dict(zip(SUMMARY_COLUMNS, SUMMARY_COLUMNS, strict=True))
        header["TimeGenerated"] = "TimeGenerated [UTC]"
        writer.writerow(header)
        writer.writerows(summaries(n, seed))
        return
    if shape == "query":
        # As the REST API sends it: one line, the columns once, the rows as arrays.
        out.write('{"tables":[{"name":"PrimaryResult","columns":')
        out.write(json.dumps([{"name": c, "type": "string"} for c in SUMMARY_COLUMNS]))
        out.write(',"rows":[')
        for i, record in enumerate(summaries(n, seed)):
            out.write(
                ("," if i else "")
                + json.dumps(list(record.values()), separators=(",", ":"))
            )
        out.write("]}]}\n")
        return
    makers: dict[str, Callable[[int, int], Iterator[object]]] = {
        "summary": summaries, "callbacks": callbacks, "mixed": mixed
    }  # fmt: skip
    for item in makers[shape](n, seed):
        out.write(json.dumps(item, separators=(",", ":")) + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--shape", choices=SHAPES, default="summary")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    with args.out.open("w", encoding="utf-8", newline="") as out:
        write(out, args.n, args.shape, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
