"""The story file: the safe reader, the round-trip writer, story ids, the one way to list,
load and create stories, and finding them (list and search)."""
