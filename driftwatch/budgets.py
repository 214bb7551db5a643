"""How much of one string of a server's is read: one number shared by the detectors
(detect/limits.py, which says why it is bounded) and by what reads as they do (names.py), kept
apart from both so that reading a name's words loads no detector.
"""

STRING_BUDGET = 4 * 2**20
"""Characters read of one string (4 Mi): the rest of a longer one is `oversized-text`."""
