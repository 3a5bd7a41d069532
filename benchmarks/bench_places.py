#!/usr/bin/env python3
"""How often does the ``place`` stage resolve a place right, and what does it cost?

    python benchmarks/bench_places.py                  # the golden file, default settings
    python benchmarks/bench_places.py --misses         # also list every miss
    python benchmarks/bench_places.py --check          # exit 1 if a target is missed

Runs the pipeline up to the actors over every text of
``tests/data/places_golden.tsv``, finds its place mentions with the ``place``
stage's resolver and prints the share with the right country (target >= 90 %)
and the share of point places (cities, venues) whose coordinates are within
25 km of the golden ones (target >= 85 %).  It also prints what the gazetteer
costs: the time to build it (once per process), the memory it holds
(``tracemalloc``) and the time the resolver spends per golden text.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tieline.where.golden import WITHIN_KM, read_golden, score_golden  # noqa: E402

COUNTRY_TARGET = 0.90
COORDINATES_TARGET = 0.85


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--golden", type=Path, default=ROOT / "tests" / "data" / "places_golden.tsv")
    parser.add_argument("--misses", action="store_true", help="list every miss")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument("--corpus", type=Path, default=ROOT / "benchmarks" / "corpus" / "articles.jsonl",
                        help="JSON Lines corpus for the stage's cost per article (skipped when missing)")
    parser.add_argument("--limit", type=int, default=100, help="corpus articles to time the stages on")
    args = parser.parse_args()

    from tieline.actors.kb import load_knowledge_base
    from tieline.where.stage import build_resolver

    kb = load_knowledge_base()
    t0 = time.perf_counter()
    resolver = build_resolver(kb)
    build_s = time.perf_counter() - t0
    del resolver
    tracemalloc.start()  # a second build, traced (tracing slows it down): what the resolver holds
    resolver = build_resolver(kb)
    held_mb = tracemalloc.get_traced_memory()[0] / 1e6
    tracemalloc.stop()
    del resolver

    rows = read_golden(args.golden)
    t0 = time.perf_counter()
    score = score_golden(rows)
    total_s = time.perf_counter() - t0

    figures = {
        "mentions": score.total,
        "country_right": score.country_right,
        "country_share": round(score.country_share, 4),
        "point_places": score.with_coordinates,
        "coordinates_right": score.coordinates_right,
        "coordinates_share": round(score.coordinates_share, 4),
        "gazetteer_build_seconds": round(build_s, 2),
        "gazetteer_memory_mb": round(held_mb, 1),
        "golden_run_seconds": round(total_s, 2),
        "locate_ms_per_text": round(1000 * score.locate_seconds / max(1, score.total), 2),
    }
    if args.corpus.exists() and args.limit > 0:
        figures.update(stage_cost(args.corpus, args.limit))
    ok = score.country_share >= COUNTRY_TARGET and score.coordinates_share >= COORDINATES_TARGET
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(f"golden file: {args.golden.name}, {score.total} place mentions, "
              f"{score.with_coordinates} of them point places with coordinates")
        print(f"right country:        {score.country_right}/{score.total} = {score.country_share:.1%}"
              f"   (target >= {COUNTRY_TARGET:.0%})")
        print(f"within {WITHIN_KM:.0f} km:         {score.coordinates_right}/{score.with_coordinates} = "
              f"{score.coordinates_share:.1%}   (target >= {COORDINATES_TARGET:.0%})")
        print(f"gazetteer: built in {build_s:.2f} s, holds {held_mb:.1f} MB (tracemalloc), once per process")
        print(f"golden run (pipeline to actors + places, one process, model load included): {total_s:.1f} s;"
              f" finding and resolving places {1000 * score.locate_seconds / max(1, score.total):.2f} ms a text")
        if "place_ms_per_article" in figures:
            print(f"place stage on {figures['articles']} corpus articles (one process, CPU time): "
                  f"{figures['place_ms_per_article']:.2f} ms an article, "
                  f"{figures['place_share']:.1%} of the whole pipeline's {figures['pipeline_ms_per_article']:.0f} ms")
    if args.misses:
        for o in score.misses():
            f = o.found
            got = f"{f.name} / {f.country} / {f.feature} / {f.lat},{f.lon}" if f else "not found"
            dist = f", {o.distance_km:.0f} km off" if o.distance_km is not None else ""
            print(f"  miss: {o.gold.mention!r} (gold {o.gold.country}) -> {got}{dist}")
    return 1 if args.check and not ok else 0


def stage_cost(corpus: Path, limit: int) -> dict[str, float]:
    """CPU time of each stage over ``limit`` corpus articles, in one process."""
    from tieline.config import Config
    from tieline.model import Article, Document
    from tieline.pipeline import Pipeline
    from tieline.pipeline.stage import pipe_stage

    texts = []
    with corpus.open(encoding="utf-8") as f:
        for line in f:
            if len(texts) >= limit:
                break
            texts.append(json.loads(line)["text"])
    pipeline = Pipeline.from_config(Config())
    docs = [Document(article=Article(id=f"b{i}", text=t)) for i, t in enumerate(texts)]
    spent: dict[str, float] = {}
    for stage in pipeline.stages:
        t0 = time.process_time()
        docs = list(pipe_stage(stage, docs))
        spent[stage.name] = time.process_time() - t0
    n = max(1, len(texts))
    total = sum(spent.values())
    return {"articles": len(texts), "place_ms_per_article": round(1000 * spent.get("place", 0.0) / n, 3),
            "pipeline_ms_per_article": round(1000 * total / n, 1),
            "place_share": round(spent.get("place", 0.0) / total, 4) if total else 0.0}


if __name__ == "__main__":
    raise SystemExit(main())
