"""The pitfall: a Pydantic model that accepts values its own JSON cannot carry."""

from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, PositiveInt
from pydantic_core import PydanticSerializationError


class Upload(BaseModel):
    name: str
    size: PositiveInt
    sha256: bytes  # raw digest bytes


# database=None and derandomize=True: the same examples on every run, so the
# output below is stable. (The explain phase is skipped to keep the demo fast.)
@settings(
    database=None,
    derandomize=True,
    deadline=None,
    max_examples=100,
    phases=[Phase.generate, Phase.shrink],
)
@given(st.builds(Upload))  # every field's strategy comes from its type hint
def test_json_round_trip(upload: Upload) -> None:
    assert Upload.model_validate_json(upload.model_dump_json()) == upload


try:
    test_json_round_trip()
except PydanticSerializationError as error:
    print(error)
    #> Error serializing to JSON: invalid utf-8 sequence of 1 bytes from index 0
    for line in error.__notes__[0].splitlines():
        print(line)
        #> Failing test case: test_json_round_trip(
        #>     upload=Upload(name='', size=1, sha256=b'\x80'),
        #> )
