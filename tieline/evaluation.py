"""Score coded events against a hand-coded gold file (the format of ``shared/eval``).

Per article, predictions are reduced to distinct (source key, target key, root,
mode) tuples and paired one to one with gold events (maximum bipartite
matching); a pair matches when the actor keys are acceptable (either direction
for symmetric gold events), the root is acceptable and the modes are equal.
Reported: event and quad-class precision / recall / F1, the false-assertion
rate and date accuracy (within one day), as the project's scorer defines them.
"""
from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tieline.errors import InputError


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float
    matched: int
    predicted: int
    gold: int

    @classmethod
    def of(cls, tp: int, n_pred: int, n_gold: int) -> "PRF":
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return cls(round(p, 4), round(r, 4), round(f, 4), tp, n_pred, n_gold)


@dataclass(frozen=True)
class Scores:
    event: PRF
    quad: PRF
    false_assertion_rate: float | None
    date_accuracy: float | None
    articles: int
    per_article: dict[str, PRF]

    def to_dict(self) -> dict[str, Any]:
        from dataclasses import asdict
        return asdict(self)


def quad(root: str | None) -> str | None:
    if not root:
        return None
    n = int(root)
    return "1" if n <= 5 else "2" if n <= 8 else "3" if n <= 13 else "4"


def _key(actor: dict | None) -> str | None:
    return (actor.get("country") or actor.get("org") or None) if actor else None


def _tuples(events: Iterable[dict]) -> dict[tuple, set]:
    out: dict[tuple, set] = defaultdict(set)
    for e in events:
        root = str(e.get("root") or str(e.get("cameo") or "")[:2]).zfill(2)[:2]
        if not root.isdigit() or root == "00":
            continue
        out[(_key(e.get("source")), _key(e.get("target")), root, e.get("mode"))].add(e.get("date"))
    return out


def _readings(gold: dict) -> list[dict]:
    return [gold] + [{**gold, **alt} for alt in gold.get("alternatives", [])]


def _pairs(g: dict, pred: tuple, level: str, check_mode: bool = True) -> bool:
    src, tgt, root, mode = pred
    if check_mode and mode != g.get("mode", "asserted"):
        return False
    if level == "quad":
        if quad(root) not in {quad(r) for r in g["root"]}:
            return False
    elif root not in g["root"]:
        return False
    if src in g["source"] and tgt in g["target"]:
        return True
    return bool(g.get("symmetric")) and tgt in g["source"] and src in g["target"]


def _matches(golds: list[dict], preds: list[tuple], level: str) -> list[tuple[int, int]]:
    edges = [[j for j, p in enumerate(preds) if any(_pairs(r, p, level) for r in _readings(g))] for g in golds]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set) -> bool:
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(golds)):
        augment(i, set())
    return [(i, j) for j, i in owner.items()]


def _within_a_day(gold_date: str, dates: set) -> bool:
    g = dt.date.fromisoformat(gold_date)
    for d in dates:
        try:
            if d and abs((dt.date.fromisoformat(str(d)[:10]) - g).days) <= 1:
                return True
        except ValueError:
            continue
    return False


def score(gold_articles: list[dict], predictions: list[dict]) -> Scores:
    by_article: dict[str, list] = defaultdict(list)
    for e in predictions:
        by_article[str(e.get("article_id"))].append(e)
    totals = {"event": [0, 0, 0], "quad": [0, 0, 0]}
    non_asserted = false_assertions = dated = dated_ok = 0
    per_article: dict[str, PRF] = {}
    for art in gold_articles:
        golds = art["events"]
        tuples = _tuples(by_article.get(str(art["id"]), []))
        preds = list(tuples)
        unmatched = set(range(len(preds)))
        for level in ("event", "quad"):
            matched = _matches(golds, preds, level)
            t = totals[level]
            t[0] += len(matched)
            t[1] += len(preds)
            t[2] += len(golds)
            if level == "event":
                unmatched -= {j for _, j in matched}
                per_article[str(art["id"])] = PRF.of(len(matched), len(preds), len(golds))
                for gi, pj in matched:
                    if golds[gi].get("date"):
                        dated += 1
                        dated_ok += _within_a_day(golds[gi]["date"], tuples[preds[pj]])
        for g in golds:
            if g.get("mode", "asserted") != "asserted":
                non_asserted += 1
                false_assertions += any(preds[j][3] == "asserted" and _pairs(g, preds[j], "event", False)
                                        for j in unmatched)
    return Scores(PRF.of(*totals["event"]), PRF.of(*totals["quad"]),
                  round(false_assertions / non_asserted, 4) if non_asserted else None,
                  round(dated_ok / dated, 4) if dated else None, len(gold_articles), per_article)


def _read_objects(path: str | Path, what: str) -> list[dict]:
    """The JSON objects of a JSON Lines file; errors name the file as ``what``."""
    out: list[dict] = []
    try:
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{what} file {path}, line {number}: not valid JSON ({exc})") from exc
                if not isinstance(record, dict):
                    raise InputError(f"{what} file {path}, line {number}: not a JSON object")
                out.append(record)
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {what} file {path}: {exc}") from exc
    return out


def read_gold(path: str | Path) -> list[dict]:
    """The gold file's articles, each with its hand-coded ``events``."""
    articles = _read_objects(path, "gold")
    for number, art in enumerate(articles, 1):
        if not isinstance(art.get("events"), list) or "id" not in art:
            raise InputError(f"gold file {path}: article {number} has no id or no events list")
    return articles


def read_predictions(path: str | Path) -> list[dict]:
    """Predicted events, one JSON object a line in the shape of ``Event.to_dict()``
    (``tieline extract`` output); errors name the prediction file."""
    events = _read_objects(path, "prediction")
    for number, event in enumerate(events, 1):
        if any(event.get(k) is not None and not isinstance(event.get(k), dict)
               for k in ("source", "target")):
            raise InputError(f"prediction file {path}, event {number}: source and target must be "
                             "objects (or null)")
    return events


def evaluate(gold_path: str | Path, *, config: Any = None, predictions: list[dict] | None = None) -> tuple[Scores, list[dict]]:
    """Code the gold file's articles with tieline (unless ``predictions`` are given) and score them."""
    gold = read_gold(gold_path)
    if predictions is None:
        from tieline.api import extract_paths

        predictions = [e.to_dict() for d in extract_paths([gold_path], config=config) for e in d.events]
    return score(gold, predictions), predictions


def format_scores(s: Scores) -> str:
    lines = [f"articles            {s.articles}"]
    for name, prf in (("event", s.event), ("quad", s.quad)):
        lines.append(f"{name:<6} P {prf.precision:.4f}  R {prf.recall:.4f}  F1 {prf.f1:.4f}  "
                     f"(matched {prf.matched}, predicted {prf.predicted}, gold {prf.gold})")
    lines.append(f"false assertions    {s.false_assertion_rate}")
    lines.append(f"date accuracy       {s.date_accuracy}")
    return "\n".join(lines)
