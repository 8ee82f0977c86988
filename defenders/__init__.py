"""Defenders: intake, case files, communications and their publication for UN Special Procedures."""
