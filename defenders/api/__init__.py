"""The open data API (/api/v1/), the streamed exports of a search, and what they share: public records."""
