#!/usr/bin/env python3
"""Duckling's Arabic time dimension (the `puckling` port) on rasid's time gold.

    python run.py GOLD.jsonl > PRED.jsonl            # predictions in the gold format
    rasid eval time --gold GOLD.jsonl --predicted PRED.jsonl
    python run.py --throughput ARTICLES.jsonl [--limit N]   # articles/s, one thread

Each gold text is parsed with the dimensions `time` and `duration` (Duckling's
longest non-overlapping entities; latent ones are left out, as by default), with
the gold anchor as the reference time (its civil date and time in the source's own
offset, as rasid resolves against). The engine's caps are lifted (no parse
timeout, no token cap) so that long articles are parsed completely, unless
`--default-caps` is given.

Duckling's values are written as TIMEX3 values the way the gold writes them:
an instant by its grain (`2018`, `2018-Q2`, `2018-05`, `2018-W22`, `2018-05-19`,
`2018-05-19T09:00`; hour and finer grains are TIME), a part of the day (an
interval of hours within one day) as `2018-09-11TEV`, an interval of days as
`first/last` (both inclusive), an open interval by its bound, a duration as
`P3D`/`PT4H`. Duckling has no mods and no sets in Arabic.
"""
import argparse
import datetime as dt
import json
import sys
import time

from puckling import (
    Context,
    DurationValue,
    Grain,
    InstantValue,
    IntervalValue,
    Lang,
    Locale,
    OpenIntervalValue,
    Options,
    TimeValue,
    parse,
)

UNBOUNDED = Options(parse_timeout_ms=None, max_tokens=10**9)
OPTIONS = UNBOUNDED
DIMS = ("time", "duration")
FINE = (Grain.HOUR, Grain.MINUTE, Grain.SECOND)


def reference(anchor):
    """The anchor's civil date and time (the offset dropped); a fixed date without one."""
    if not anchor:
        return dt.datetime(2000, 1, 1)
    return dt.datetime.fromisoformat(anchor).replace(tzinfo=None)


def instant(v: InstantValue) -> tuple[str, str]:
    d, g = v.value, v.grain
    if g is Grain.YEAR:
        return "DATE", f"{d.year:04d}"
    if g is Grain.QUARTER:
        return "DATE", f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if g is Grain.MONTH:
        return "DATE", f"{d.year:04d}-{d.month:02d}"
    if g is Grain.WEEK:
        y, w, _ = d.isocalendar()
        return "DATE", f"{y:04d}-W{w:02d}"
    if g is Grain.DAY:
        return "DATE", d.date().isoformat()
    return "TIME", f"{d.date().isoformat()}T{d.hour:02d}:{d.minute:02d}"


def part_of_day(start: dt.datetime, end: dt.datetime) -> str:
    h = start.hour
    if 4 <= h < 12:
        return "MO"
    if h == 12 and end.hour <= 14 and end.date() == start.date():
        return "MI"
    if 12 <= h < 18:
        return "AF"
    if 18 <= h < 21:
        return "EV"
    return "NI"


def time_value(v: TimeValue) -> tuple[str, str]:
    p = v.primary
    if isinstance(p, InstantValue):
        return instant(p)
    if isinstance(p, OpenIntervalValue):
        return instant(p.instant)
    if isinstance(p, IntervalValue):
        s, e = p.start, p.end
        same_day = e.value - s.value <= dt.timedelta(days=1) and (
            e.value.date() == s.value.date() or e.value.time() == dt.time(0)
        )
        if s.grain in FINE and same_day:
            return "TIME", f"{s.value.date().isoformat()}T{part_of_day(s.value, e.value)}"
        if s.grain is Grain.DAY:
            last = e.value - dt.timedelta(days=1)
            return "DATE", f"{s.value.date().isoformat()}/{last.date().isoformat()}"
        return instant(s)
    return "DATE", str(p)


UNITS = {
    Grain.YEAR: ("Y", False),
    Grain.QUARTER: ("Q", False),
    Grain.MONTH: ("M", False),
    Grain.WEEK: ("W", False),
    Grain.DAY: ("D", False),
    Grain.HOUR: ("H", True),
    Grain.MINUTE: ("M", True),
    Grain.SECOND: ("S", True),
}


def duration_value(v: DurationValue) -> str:
    unit, is_time = UNITS[v.grain]
    n = v.value
    n = int(n) if float(n).is_integer() else n
    return f"PT{n}{unit}" if is_time else f"P{n}{unit}"


def tag(text: str, anchor) -> list[dict]:
    ctx = Context(reference_time=reference(anchor), locale=Locale(Lang.AR))
    out = []
    for e in parse(text, ctx, OPTIONS, dims=DIMS):
        if isinstance(e.value, DurationValue):
            kind, value = "DURATION", duration_value(e.value)
        elif isinstance(e.value, TimeValue):
            kind, value = time_value(e.value)
        else:
            continue
        out.append({"start": e.start, "end": e.end, "text": text[e.start:e.end],
                    "type": kind, "value": value, "mod": None})
    return out


def predict(gold_path: str) -> None:
    t0 = time.process_time()
    n = 0
    for line in open(gold_path, encoding="utf-8"):
        if not line.strip():
            continue
        doc = json.loads(line)
        doc["timexes"] = tag(doc["text"], doc.get("anchor"))
        print(json.dumps(doc, ensure_ascii=False))
        n += 1
    cpu = time.process_time() - t0
    print(f"puckling: {n} documents, {cpu:.1f} s CPU, {n / cpu:.2f} documents/s", file=sys.stderr)


def throughput(path: str, limit: int) -> None:
    docs = []
    for line in open(path, encoding="utf-8"):
        if len(docs) >= limit:
            break
        r = json.loads(line)
        if r.get("body"):
            docs.append((r["body"], r.get("published")))
    tag("تهيئة يوم الخميس", None)
    t0, c0 = time.perf_counter(), time.process_time()
    found = sum(len(tag(body, anchor)) for body, anchor in docs)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    chars = sum(len(b) for b, _ in docs)
    print(f"puckling {len(docs)} articles ({chars} characters): {wall:.1f} s wall, {cpu:.1f} s CPU, "
          f"{len(docs) / wall:.2f} articles/s; {found} expressions")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="?", help="gold JSONL; predictions go to standard output")
    ap.add_argument("--throughput", metavar="ARTICLES.jsonl", help="time parsing the bodies of these articles")
    ap.add_argument("--limit", type=int, default=200, help="articles for --throughput (default 200)")
    ap.add_argument("--default-caps", action="store_true",
                    help="keep puckling's default caps (2 s a parse, 10,000 tokens) instead of lifting them")
    args = ap.parse_args()
    global OPTIONS
    OPTIONS = Options() if args.default_caps else UNBOUNDED
    if args.throughput:
        throughput(args.throughput, args.limit)
    elif args.gold:
        predict(args.gold)
    else:
        ap.error("give a gold file or --throughput")


if __name__ == "__main__":
    main()
