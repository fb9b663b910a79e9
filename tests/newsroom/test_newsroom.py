"""Finding a story's files by id, on a real folder tree: the same files pathlib's glob finds,
in every shape a stories folder can take."""

from __future__ import annotations

from pathlib import Path

from newsdesk.newsroom import Newsroom


def _story(folder: Path, story_id: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{story_id}.md"
    path.write_text("---\nid: x\n---\n", encoding="utf-8")
    return path


def test_a_story_is_found_where_glob_finds_it(tmp_path: Path) -> None:
    room = Newsroom(tmp_path)
    stories = room.stories_dir
    _story(stories / "2025" / "01", "bridge")
    _story(stories / "2025" / "02", "bridge")  # the same id twice
    _story(stories / ".hidden" / "01", "bridge")
    _story(stories / "2024" / ".draft", "bridge")
    elsewhere = tmp_path / "elsewhere" / "03"
    _story(elsewhere, "bridge")
    (stories / "2024" / "03").symlink_to(elsewhere, target_is_directory=True)
    (stories / "2023" / "05").mkdir(parents=True)
    (stories / "2023" / "05" / "bridge.md").symlink_to(tmp_path / "nowhere.md")  # dangling
    (stories / "2023" / "06").mkdir(parents=True)
    (stories / "2023" / "06" / "bridge.md").symlink_to(stories / "2025" / "01" / "bridge.md")
    (stories / "2022").write_text("a file where a year folder would be", encoding="utf-8")
    _story(stories / "2025" / "01" / "deeper", "bridge")  # too deep to be a story
    _story(stories / "2025", "bridge")  # too shallow
    expected = sorted(stories.glob("*/*/bridge.md"))
    assert len(expected) == 6
    assert room._files_of("bridge") == expected
    assert room.is_duplicate_id("bridge") and room.has_story("bridge")
    assert room._files_of("ferry") == [] and not room.has_story("ferry")


def test_no_stories_folder_holds_no_story(tmp_path: Path) -> None:
    room = Newsroom(tmp_path)
    assert room._files_of("bridge") == [] and not room.is_duplicate_id("bridge")


def test_an_id_is_taken_by_a_whole_file_name_in_any_case(tmp_path: Path) -> None:
    """`id_taken` searches each folder's names joined into one string: only a whole name,
    in any case, takes an id; a name that holds it, ends with it or starts with it does not,
    and neither does a name in the stories folder itself (no story lives there)."""
    room = Newsroom(tmp_path)
    stories = room.stories_dir
    _story(stories / "2025" / "01", "Kyiv-Update")
    for near in ("a-bridge", "bridge-2", "bridges", "bridge.md"):  # bridge.md.md
        _story(stories / "2025" / "02", near)
    _story(stories, "ferry")  # too shallow to be a story
    assert room.id_taken("kyiv-update") and room.id_taken("KYIV-UPDATE")
    assert not room.id_taken("bridge") and not room.id_taken("ferry")
    assert room.id_taken("bridge-2") and room.id_taken("bridge.md")


def test_only_newsdesks_temp_files_are_swept(tmp_path: Path) -> None:
    from newsdesk.atomic import TEMP_PREFIX, remove_stale_temp_files

    room = Newsroom(tmp_path)
    month = room.stories_dir / "2025" / "01"
    story = _story(month, "bridge")
    leftover = month / f"{TEMP_PREFIX}abc.part"
    leftover.write_bytes(b"half")
    kept = [month / f"{TEMP_PREFIX}abc.partial", month / f"x{TEMP_PREFIX}abc.part"]
    for path in kept:
        path.write_bytes(b"not ours")
    clean = room.stories_dir / "2025" / "02"
    _story(clean, "ferry")
    assert room.id_taken("bridge")  # lists every month folder
    removed = remove_stale_temp_files(room._list_folders())
    assert removed == [leftover] and not leftover.exists()
    assert story.exists() and all(path.exists() for path in kept)
