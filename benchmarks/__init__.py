"""The project's speed figures, each measured beside a baseline in the same run (`python -m benchmarks`)."""
