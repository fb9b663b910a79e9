"""Results remembered by the text's identity: the same object gives the stored result, an
equal but other object is computed afresh, and only the last few are kept."""

from __future__ import annotations

from newsdesk.rules.text.memo import by_identity


def test_results_are_remembered_for_the_same_text_object_only() -> None:
    calls: list[str] = []

    @by_identity(2)
    def shout(text: str) -> str:
        calls.append(text)
        return text.upper()

    first = "".join(["sgt. ", "petrenko"])
    assert shout(first) == "SGT. PETRENKO" and shout(first) == "SGT. PETRENKO"
    assert len(calls) == 1
    twin = "".join(["sgt. pet", "renko"])  # equal, another object
    assert twin is not first and shout(twin) == "SGT. PETRENKO"
    assert len(calls) == 2
    third = "".join(["a", "b"])
    shout(third)  # pushes the oldest, `first`, out
    shout(first)
    assert len(calls) == 4
