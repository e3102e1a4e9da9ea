"""FA-KES credibility eval: the metrics and the command (labels are for the record only)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from conftest import shared_file
from frontwatch.cli import main
from frontwatch.errors import InputError
from frontwatch.evaluate.credibility import auc, evaluate_credibility

FIELDS = ["unit_id", "article_title", "article_content", "source", "date", "label"]


def _write(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(FIELDS)
        for n, (source, text, label) in enumerate(rows):
            writer.writerow([n, f"title {n}", text, source, "1/2/16", label])
    return path


def test_auc_by_ranks() -> None:
    y = np.array([0.0, 0.0, 1.0, 1.0])
    assert auc(np.array([0.1, 0.2, 0.8, 0.9]), y) == 1.0
    assert auc(np.array([0.9, 0.8, 0.2, 0.1]), y) == 0.0
    assert auc(np.array([0.5, 0.5, 0.5, 0.5]), y) == 0.5


def test_eval_prints_the_four_numbers(tmp_path: Path) -> None:
    rows = [
        ("reuters", "Shelling killed 4 civilians in Idlib, the Observatory said.", "1"),
        ("sputnik", "A horrific massacre reportedly killed 40, activists said.", "0"),
        ("sana", "Terrorists fired shells at Aleppo, killing 3 citizens, a source said.", "1"),
        ("etilaf", "Regime barrel bombs allegedly killed 12 in Daraa.", "0"),
    ]
    path = _write(tmp_path / "f.csv", rows)
    result = CliRunner().invoke(
        main, ["eval", "credibility", "--train", str(path), str(path), "--json"]
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert {"n", "accuracy", "f1", "auc"} <= set(scores) and scores["n"] == 4
    assert 0.0 <= scores["auc"] <= 1.0


def test_a_row_without_label_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "f.csv", [("reuters", "Shelling killed 4 in Idlib.", "")])
    with pytest.raises(InputError, match="label"):
        evaluate_credibility(path, path)


@pytest.mark.slow
def test_fakes_dev_stays_honest() -> None:
    """Held-out halves of fakes-dev: near chance, as the label predicts (no floor to chase)."""
    scores = evaluate_credibility(shared_file("fakes-dev.csv"), shared_file("fakes-dev.csv"))
    assert scores["n"] == 563 and 0.3 <= scores["auc"] <= 0.8
