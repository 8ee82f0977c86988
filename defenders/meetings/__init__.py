"""Meetings with the Rapporteur or the team: requested through the intake, scheduled, declined, held."""
