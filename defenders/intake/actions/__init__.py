"""Writes to the intake, one module per concern: what sources send (`sources`), what staff read and answer
(`reading`), how long it is kept (`retention`), and who holds keys (`staff_keys`). Callers import the module."""
