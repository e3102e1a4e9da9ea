"""Reports and observations for the control-timeline tests (tests/situation/test_control*.py).

The reports are fictional but plausible (real places of the bundled gazetteer north of
Aleppo, invented wording, real outlet names so that their credibility priors apply):

- Feb 1-2: rebels take Tal Rifaat (Reuters, AFP) and Mare' (AFP); they besiege government-held
  Nubl (AFP).
- Feb 3: one low-credibility report (Sputnik) says the army recaptured Tal Rifaat.
- Feb 4: two outlets (Reuters, BBC) say government forces took Mare'.
- Feb 10: two outlets say the army retook Tal Rifaat; the siege of Nubl is broken.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from frontwatch.situation.model import Observation

TAL_RIFAAT = "geonames:163476"
MAREA = "geonames:167245"
NUBL = "geonames:166331"

REPORTS = [
    {
        "id": "s1",
        "source": "Reuters",
        "published": "2016-02-01",
        "text": "BEIRUT (Reuters) - Syrian rebels captured the town of Tal Rifaat north of Aleppo "
        "on Monday after heavy fighting with government forces, the Syrian Observatory "
        "for Human Rights said. At least 12 fighters were killed.",
    },
    {
        "id": "s2",
        "source": "AFP",
        "published": "2016-02-02",
        "text": "Rebel fighters took control of the towns of Tal Rifaat and Mare' on Tuesday, "
        "a day after clashes with regime forces, activists said. The rebels also besieged the "
        "government-held town of Nubl.",
    },
    {
        "id": "s3",
        "source": "Sputnik",
        "published": "2016-02-03",
        "text": "Syrian army units recaptured Tal Rifaat on Wednesday, a military source said, "
        "after fierce battles with terrorists.",
    },
    {
        "id": "s4",
        "source": "Reuters",
        "published": "2016-02-04",
        "text": "Syrian government forces seized Mare' on Thursday, the Syrian Observatory for "
        "Human Rights said.",
    },
    {
        "id": "s5",
        "source": "BBC News",
        "published": "2016-02-04",
        "text": "Government troops captured the town of Mare' north of Aleppo on Thursday, "
        "according to a monitoring group.",
    },
    {
        "id": "s6",
        "source": "Reuters",
        "published": "2016-02-10",
        "text": "Syrian government forces recaptured Tal Rifaat on Wednesday and broke the siege "
        "of Nubl, the Syrian Observatory for Human Rights said.",
    },
    {
        "id": "s7",
        "source": "Associated Press",
        "published": "2016-02-10",
        "text": "Syrian troops retook Tal Rifaat on Wednesday after rebels withdrew from the town, "
        "activists said.",
    },
]


def write_reports(folder: Path, reports: list[dict[str, str]] | None = None) -> Path:
    path = folder / "reports.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for report in reports if reports is not None else REPORTS:
            fh.write(json.dumps(report) + "\n")
    return path


def obs(
    side: str,
    day: int,
    *,
    kind: str = "captured",
    source: str = "reuters",
    credibility: float = 0.8,
    locality: str = "L1",
) -> Observation:
    """An observation of February 2016 (for the rule tests, which need no text)."""
    return Observation(
        locality_id=locality,
        locality_name=locality,
        side=side,
        kind=kind,  # type: ignore[arg-type]
        observed=dt.date(2016, 2, day),
        article_id=f"{source}-{day}-{side}-{kind}",
        evidence=f"{source}: {side} {kind} {locality} on Feb {day}",
        credibility=credibility,
        source=source,
    )
