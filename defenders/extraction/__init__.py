"""Reading communication texts: structured, checkable facts, each pointing at the words it came from."""
