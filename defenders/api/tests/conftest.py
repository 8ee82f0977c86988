import pytest
import time_machine

from .world import NOW, build_world


@pytest.fixture
def world(make_communication, concerning):
    with time_machine.travel(NOW):
        yield build_world(make_communication, concerning)
