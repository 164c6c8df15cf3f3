"""Shared fixtures: real servers, the built site and the browser (tests/servers.py, site_build.py, browser_site.py)."""

pytest_plugins = ["tests.servers", "tests.site_build", "tests.browser_site"]
