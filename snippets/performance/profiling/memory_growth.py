"""Find what holds on to memory: diff tracemalloc snapshots taken around a batch of requests."""

import linecache
import tracemalloc
from collections import deque

REQUESTS = 1_000


class ReportService:
    def __init__(self, keep_reports: int | None) -> None:
        # A price per product, loaded once at start-up: the biggest allocation in the
        # process, and harmless, because it does not grow.
        self.prices = [0.0] * 500_000
        # The last reports, for a debug page. maxlen=None keeps every one of them.
        self.recent: deque[str] = deque(maxlen=keep_reports)

    def handle(self, request_id: int, customer: str) -> str:
        # A fixed-width record of half a KiB; one is built for every request.
        report = f"report {request_id} for {customer}".ljust(512)
        self.recent.append(report)
        return report


def where(stat: tracemalloc.Statistic | tracemalloc.StatisticDiff) -> str:
    """The line that allocated the memory: its number and its source."""
    # The most recent frame. A traceback runs from the oldest frame to the newest, so
    # with tracemalloc.start(25) and "traceback" grouping, [0] would be the caller.
    frame = stat.traceback[-1]  # also frame.filename, in a program of several files
    return f"line {frame.lineno}: {linecache.getline(frame.filename, frame.lineno).strip()}"


def growth(service: ReportService) -> list[tracemalloc.StatisticDiff]:
    """Per line: how much the memory it allocated changed over REQUESTS requests."""
    # Warm up first: what fills once and then stays is not a leak.
    for request_id in range(200):
        service.handle(request_id, "warm-up")
    before = tracemalloc.take_snapshot()
    for request_id in range(REQUESTS):
        service.handle(request_id, f"customer-{request_id % 50}")
    after = tracemalloc.take_snapshot()
    # Leave out tracemalloc's own objects (the first snapshot is alive in the second).
    ours = [tracemalloc.Filter(False, tracemalloc.__file__)]
    # Sorted by the size of the change, up or down, biggest first; unchanged lines last.
    return after.filter_traces(ours).compare_to(before.filter_traces(ours), "lineno")


def still_growing(stats: list[tracemalloc.StatisticDiff]) -> bool:
    return sum(stat.size_diff for stat in stats) > 64 * REQUESTS  # 64 bytes a request


def main() -> None:
    tracemalloc.start()  # only what is allocated after this is traced

    service = ReportService(keep_reports=None)
    leaking = growth(service)
    biggest = tracemalloc.take_snapshot().statistics("lineno")[0]
    print(f"biggest in one snapshot: {where(biggest)}")
    #> biggest in one snapshot: line 14: self.prices = [0.0] * 500_000
    print(f"grew most: {where(leaking[0])}")
    #> grew most: line 20: report = f"report {request_id} for {customer}".ljust(512)
    print(
        f"new blocks from that line: {leaking[0].count_diff:,} in {REQUESTS:,} requests"
    )
    #> new blocks from that line: 1,000 in 1,000 requests
    print(f"growing with maxlen=None: {still_growing(leaking)}")
    #> growing with maxlen=None: True

    bounded = growth(ReportService(keep_reports=100))
    print(f"growing with maxlen=100: {still_growing(bounded)}")
    #> growing with maxlen=100: False
    tracemalloc.stop()


if __name__ == "__main__":
    main()
