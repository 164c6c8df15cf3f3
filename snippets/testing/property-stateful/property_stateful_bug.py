"""The pitfall: an LRU cache that evicts on update, caught by a state machine."""

from collections import OrderedDict

from hypothesis import Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    rule,
    run_state_machine_as_test,
)


class LRUCache:
    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._data: OrderedDict[int, str] = OrderedDict()

    def items(self) -> list[tuple[int, str]]:
        return list(self._data.items())  # least to most recently used

    def get(self, key: int) -> str | None:
        if key not in self._data:
            return None
        self._data.move_to_end(key)  # now the most recently used
        return self._data[key]

    def put(self, key: int, value: str) -> None:
        if len(self._data) >= self.capacity:  # the bug: also when `key` is already in
            self._data.popitem(last=False)  # evicts the least recently used
        self._data[key] = value
        self._data.move_to_end(key)


keys = st.integers(0, 2)  # few keys, so that steps hit the same ones again
values = st.sampled_from(["a", "b"])


class LRUCacheMachine(RuleBasedStateMachine):
    """Every step runs on the cache and on a model too simple to be wrong."""

    def __init__(self) -> None:
        super().__init__()
        self.cache = LRUCache(capacity=2)
        self.model: dict[int, str] = {}  # insertion order = least to most recent

    @rule(key=keys, value=values)
    def put(self, key: int, value: str) -> None:
        self.cache.put(key, value)
        self.model.pop(key, None)
        self.model[key] = value
        if len(self.model) > 2:
            del self.model[next(iter(self.model))]

    @rule(key=keys)
    def get(self, key: int) -> None:
        expected = self.model.get(key)
        if expected is not None:
            self.model[key] = self.model.pop(key)  # now the most recent
        assert self.cache.get(key) == expected, f"get({key}) != {expected!r}"

    @invariant()  # checked after every step, whichever rule ran
    def holds_what_the_model_holds(self) -> None:
        assert dict(self.cache.items()) == self.model  # the same entries


try:
    run_state_machine_as_test(
        LRUCacheMachine,
        settings=settings(
            database=None,
            derandomize=True,
            deadline=None,
            max_examples=50,
            phases=[Phase.generate, Phase.shrink],  # skip explain: keeps the demo fast
            print_blob=False,  # with CI set, Hypothesis would add a @reproduce_failure line
        ),
    )
except AssertionError as error:
    # The shrunk sequence of steps, as pytest would report it:
    for line in "\n".join(error.__notes__).splitlines():
        print(line)
        #> Failing test case: <state machine>
        #> state = LRUCacheMachine()
        #> state.holds_what_the_model_holds()
        #> state.put(key=1, value='a')
        #> state.holds_what_the_model_holds()
        #> state.put(key=0, value='a')
        #> state.holds_what_the_model_holds()
        #> state.put(key=0, value='a')
        #> state.holds_what_the_model_holds()
        #> state.teardown()
