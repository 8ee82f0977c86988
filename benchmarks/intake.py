"""A confidential submission through `defenders serve`, beside its own key derivations: the argon2id verifier of
the codename (argon2-cffi) and the source's key (libsodium, moderate cost) computed in this process, one
after the other. Goal: a submission at most 1.5 times its derivations (everything else it does is small).
"""

import statistics
import time

from ._site import confidential_submission, prepared_site, serving
from .harness import Figure, percentile

GOAL_RATIO = 1.5


def derivations_seconds() -> float:
    """The two derivations of one submission, in seconds."""
    from defenders.vault import codenames, kdf

    started = time.perf_counter()
    codenames.hash_codename("plover-sextant-mosaic-harbour-lantern")
    codenames.derive_source_private_key("plover-sextant-mosaic-harbour-lantern", kdf.new_salt())
    return time.perf_counter() - started


def run(quick: bool) -> list[Figure]:
    site = prepared_site(quick)
    rounds = 6 if quick else 30  # quick: the median of six is steady enough beside the same-run baseline
    with serving(site) as server:
        confidential_submission(server.port)  # warm the worker
        sent = [confidential_submission(server.port) for _ in range(rounds)]
    if not all(received for _, received in sent):
        raise RuntimeError("a submission was not received")
    submissions = [seconds * 1000 for seconds, _ in sent]
    derivations = [derivations_seconds() * 1000 for _ in range(rounds)]
    median = statistics.median(submissions)
    baseline = statistics.median(derivations)
    return [
        Figure(
            "intake.submission",
            median,
            "ms",
            "intake.argon2_derivations",
            baseline,
            goal=f"<= {GOAL_RATIO}x its derivations",
            met=median <= GOAL_RATIO * baseline,
        ),
        Figure(
            "intake.submission.p95",
            percentile(submissions, 0.95),
            "ms",
            "intake.argon2_derivations.p95",
            percentile(derivations, 0.95),
        ),
    ]
