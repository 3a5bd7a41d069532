"""tieline.extract() on one short article: the first call (loads the pipeline), later
calls (reuse it), and the cost a call would pay if it rebuilt the pipeline each time.

    .venv/bin/python benchmarks/bench_api_reuse.py [--calls N]

Prints wall and CPU seconds; CPU time is what other load on the machine skews least.
"""
from __future__ import annotations

import argparse
import statistics
import time

TEXT = ("Germany imposes sanctions on Iran\n\nBERLIN — Germany imposed sanctions on Iran on "
        "Tuesday, and the Iranian foreign ministry condemned the move.\n")


def _timed(fn) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=20, help="reused calls to time")
    args = parser.parse_args()

    import tieline
    from tieline.pipeline import Pipeline

    first = _timed(lambda: tieline.extract(TEXT, published="2020-01-08"))
    reused = [_timed(lambda: tieline.extract(TEXT, published="2020-01-08")) for _ in range(args.calls)]
    article = tieline.make_article(TEXT, published="2020-01-08")
    rebuilt = [_timed(lambda: Pipeline.from_config()(article)) for _ in range(3)]
    print(f"first call (loads the pipeline): {first[0]:.3f} s wall, {first[1]:.3f} s CPU")
    print(f"reused, median of {args.calls}: {statistics.median(w for w, _ in reused) * 1000:.1f} ms wall, "
          f"{statistics.median(c for _, c in reused) * 1000:.1f} ms CPU")
    print(f"rebuilt every call, median of 3: {statistics.median(w for w, _ in rebuilt):.3f} s wall, "
          f"{statistics.median(c for _, c in rebuilt):.3f} s CPU")
    print(f"one pipeline object: {tieline.load_pipeline() is tieline.load_pipeline()}")


if __name__ == "__main__":
    main()
