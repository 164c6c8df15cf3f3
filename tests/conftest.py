"""Shared fixtures: real servers (tests/servers.py) and the built site (tests/site_build.py)."""

pytest_plugins = ["tests.servers", "tests.site_build"]
