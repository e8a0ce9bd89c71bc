"""``python -m bench.train [--corpus DIR] [--only NAME ...] [--model PATH] [--report PATH]``."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from pagemill.stages.roles import MODEL_PATH, save_model

from . import dataset, fit


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.train", description=__doc__)
    parser.add_argument("--corpus", type=Path, default=dataset.CORPUS)
    parser.add_argument("--cache", type=Path, default=dataset.CACHE)
    parser.add_argument("--only", nargs="*", help="these corpus documents only")
    parser.add_argument("--model", type=Path, default=MODEL_PATH)
    parser.add_argument("--report", type=Path, default=Path("bench/train/REPORT.md"))
    parser.add_argument("--leave-out", metavar="FAMILY", help="train without this family, no report: the model "
                        "for a bench run on a producer the model has not seen")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    print("training set:")
    rows = dataset.build(args.corpus, args.cache, args.only)
    print(f"{len(rows.y)} blocks in {time.perf_counter() - started:.0f} s; training")
    if args.leave_out:
        keep = rows.family != args.leave_out
        save_model(args.model, fit.fit(rows.x[keep], rows.y[keep]))
        print(f"wrote {args.model}, trained without {args.leave_out}")
        return
    model, report = fit.evaluate(rows)
    save_model(args.model, model)
    args.report.write_text(report)
    print(report)
    print(f"wrote {args.model} and {args.report} in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
