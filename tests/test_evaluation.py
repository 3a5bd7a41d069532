"""The accuracy gate: tieline's figures on the development set never fall below pinned floors.

Floors live in ``tests/data/accuracy_floors.json``; raise them when tieline improves.
The development set is read from ``../shared/eval`` (not copied into the repo).
"""
import json
from pathlib import Path

import pytest

from tieline.evaluation import score

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"
FLOORS = json.loads((ROOT / "tests" / "data" / "accuracy_floors.json").read_text())


@pytest.fixture(scope="module")
def dev_scores():
    if not DEV.exists():
        pytest.skip("development set not present")
    from tieline.evaluation import evaluate

    scores, _ = evaluate(DEV)
    return scores


@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_evaluation_gate_keeps_floor(dev_scores, figure):
    value = {"event_f1": dev_scores.event.f1, "event_precision": dev_scores.event.precision,
             "quad_f1": dev_scores.quad.f1, "date_accuracy": dev_scores.date_accuracy,
             "false_assertion_rate": dev_scores.false_assertion_rate}[figure]
    floor = FLOORS[figure]
    if figure == "false_assertion_rate":
        assert value <= floor, f"{figure} rose to {value} (ceiling {floor})"
    else:
        assert value >= floor, f"{figure} fell to {value} (floor {floor})"


def test_evaluation_scores_perfect_predictions():
    gold = [{"id": "a", "events": [
        {"source": ["RUS"], "target": ["CHN"], "root": ["04"], "mode": "asserted", "symmetric": True,
         "date": "2022-09-15"},
        {"source": ["USA"], "target": ["RUS"], "root": ["16"], "mode": "planned", "date": None}]}]
    preds = [{"article_id": "a", "source": {"country": "CHN"}, "target": {"country": "RUS"}, "root": "04",
              "mode": "asserted", "date": "2022-09-16"},
             {"article_id": "a", "source": {"country": "USA"}, "target": {"country": "RUS"}, "cameo": "163",
              "mode": "planned", "date": None}]
    s = score(gold, preds)
    assert (s.event.f1, s.quad.f1, s.date_accuracy, s.false_assertion_rate) == (1.0, 1.0, 1.0, 0.0)


def test_evaluation_counts_false_assertions():
    gold = [{"id": "a", "events": [{"source": ["GBR"], "target": ["RUS"], "root": ["17"], "mode": "hypothetical"}]}]
    preds = [{"article_id": "a", "source": {"country": "GBR"}, "target": {"country": "RUS"}, "root": "17",
              "mode": "asserted"}]
    s = score(gold, preds)
    assert s.false_assertion_rate == 1.0 and s.event.matched == 0


def test_evaluation_agrees_with_project_scorer(tmp_path):
    """Our scorer and shared/eval/score.py give the same figures on the same predictions."""
    scorer = DEV.parent / "score.py"
    if not scorer.exists():
        pytest.skip("shared scorer not present")
    import importlib.util

    spec = importlib.util.spec_from_file_location("shared_score", scorer)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    gold = [json.loads(x) for x in DEV.read_text().splitlines() if x.strip()]
    preds = []
    for art in gold:  # a mix of right, wrong-mode and wrong-actor predictions
        for i, g in enumerate(art["events"]):
            mode = g["mode"] if i % 3 else "asserted"
            preds.append({"article_id": art["id"], "source": {"country": g["source"][0]},
                          "target": {"country": g["target"][0]} if i % 4 else None,
                          "root": g["root"][0], "mode": mode, "date": g.get("date")})
    ours = score(gold, preds)
    theirs = mod.score(gold, preds)
    assert ours.event.f1 == theirs["event"]["f1"]
    assert ours.quad.f1 == theirs["quad"]["f1"]
    assert ours.false_assertion_rate == theirs["false_assertion_rate"]
    assert ours.date_accuracy == theirs["date_accuracy"]
