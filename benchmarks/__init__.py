"""Benchmarks behind every figure the site states; `python -m benchmarks` writes results.json."""
