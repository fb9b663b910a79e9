"""What the wording rules share: the reader's view of a text (normalise), the prose spans
of a story, words and sentences, personal names, and the military lexicon."""
