"""Placeholder while the flat front end is being written (replaced in the next commits)."""

NAME = "flat"


def detect(doc) -> float:
    return 0.0


def read_tables(doc, anchors):
    raise NotImplementedError("the flat layout front end is not written yet")
