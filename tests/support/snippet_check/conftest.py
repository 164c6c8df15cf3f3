import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--snippet", required=True, help="path of the snippet file to check")
