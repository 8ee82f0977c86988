"""Drafting joint communications in sections, their versions, and the co-signing mandates' sign-off."""
