"""The sealing primitives of the intake, free of Django, so that an offline reading station can use and review them
alone: boxes, file streams, key derivation, codenames, staff keys, submissions and the recovery key."""
