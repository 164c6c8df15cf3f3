"""The pitfall: sys.getsizeof() misses part of an instance, and asking for __dict__ grows it."""

import sys
import tracemalloc

N = 100_000


class PointClass:
    def __init__(self, x: float, y: float) -> None:
        self.x = x
        self.y = y


def traced_bytes_per_instance(touch_dict: bool) -> float:
    points: list[object] = [None] * N  # allocated before tracing: only instances count
    tracemalloc.start()
    for i in range(N):
        points[i] = PointClass(1.0, 2.0)
        if touch_dict:
            vars(points[i])  # copy.copy() and pickle.dumps() read __dict__ too
    traced, _peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return traced / N


point = PointClass(1.0, 2.0)
# getsizeof() counts the object header only, not the attribute values it holds.
print(f"sys.getsizeof(point): {sys.getsizeof(point)} bytes")
#> sys.getsizeof(point): 56 bytes

print(f"traced, __dict__ never asked for: {traced_bytes_per_instance(False):.0f} bytes")
#> traced, __dict__ never asked for: 88 bytes
print(f"traced, after vars(point):        {traced_bytes_per_instance(True):.0f} bytes")
#> traced, after vars(point):        152 bytes
