"""The output block under a snippet shows both forms of output pytest-examples checks."""

from sitegen.snippet_output import printed_output

SOURCE = '''"""Docstring, not output."""

print("one line")
#> one line
print("two\\nlines")
"""
two
lines
"""


def f() -> None:
    """Function docstring, not output."""
    print("inside")
    #> inside


f()
print("")
#>
'''


def test_comment_lines_and_output_blocks_in_source_order() -> None:
    assert printed_output(SOURCE) == ["one line", "two", "lines", "inside", ""]
