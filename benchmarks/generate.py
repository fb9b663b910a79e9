"""Generate a realistic synthetic newsroom of N stories for benchmarks.

Each story is about 7 KB: a full front matter (images with credits, people with soldiers and
officials, anonymous sources, corrections) and a body of roughly 900 words. One story in ten
carries a planted finding (a Russian-era spelling, a missing credit, a soldier's surname), so
that the rules do real work. With `--typographic` the copy is set as published copy is:
curly quotes and apostrophes and em dashes (non-ASCII text, which the rules read by other
paths than plain ASCII). Usage: python benchmarks/generate.py DIR [N] [--typographic]
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROSE = """the battery crew waited through the night while drones circled above the tree line
and the commander checked the maps again before dawn because supplies were short and every
shell counted residents of the town queued for water near the school officials promised
repairs but the power came back only for a few hours each day volunteers brought bread and
medicine from the regional centre"""
WORDS = re.findall(r"[a-z]+", PROSE)
FIRST = ["Tymur", "Serhii", "Oleh", "Andrii", "Mykola", "Ivan", "Yurii", "Roman", "Vasyl"]
CALLS = ["Bulat", "Lis", "Grim", "Sova", "Kit", "Mak", "Dub", "Yar", "Vir"]


def body(rng: random.Random, soldier: str, call: str, plant: int,
         typographic: bool = False) -> str:
    paragraphs = []
    for index in range(14):
        words = [rng.choice(WORDS) for _ in range(rng.randint(55, 75))]
        sentence = " ".join(words).capitalize() + "."
        if index == 2:
            sentence = f'{soldier}, callsign "{call}", said the night was quiet. ' + sentence
        if index == 5:
            sentence += " Kremlin spokesman Dmitry Peskov made no comment."
        if index == 7 and plant == 1:
            sentence += " Shells fell near Kiev overnight."
        if index == 9 and plant == 2:
            sentence += f" {soldier} Bondarenko refused to leave his post."
        if typographic:
            sentence = sentence.replace('"', "“", 1).replace('"', "”", 1)
            if index % 3 == 1:
                sentence = sentence.replace(" the ", " the crew’s ", 1).replace(
                    " while ", " — while ", 1)
        paragraphs.append(sentence)
    return "\n\n".join(paragraphs) + "\n"


def story(i: int, rng: random.Random, status: str = "published",
          created: str | None = None, typographic: bool = False) -> tuple[str, str]:
    """(path, text) of story number `i`; `created` is an ISO time (default: a day in 2025
    whose month depends on `i`), and the story was updated and published a day later."""
    soldier, call = rng.choice(FIRST), rng.choice(CALLS)
    plant = i % 10  # 1: house style, 2: soldier surname, 3: missing credit
    story_id = f"story-{i:06d}"
    month = 1 + i % 12
    created = created or f"2025-{month:02d}-01T06:00:00Z"
    year, month = int(created[:4]), int(created[5:7])
    later = f"{created[:8]}{min(28, int(created[8:10]) + 1):02d}"
    updated = f"{later}T10:00:00Z" if status != "draft" else created
    published = f"{later}T09:00:00Z" if status == "published" else "null"
    credit = "" if plant == 3 else "    credit: Staff Photographer/The Test Desk\n"
    front = f"""---
id: {story_id}
status: {status}
headline: Night shift with a mortar crew number {i}
dek: A battery on the eastern front counts every shell as supplies run short.
desk: frontline
byline: [petro-hnatiuk]
created: {created}
updated: {updated}
published_at: {published}
embargo_until: null
tags: [frontline, donetsk-oblast, artillery, supplies]
images:
  - src: images/crew-{i}.jpg
    caption: A mortar crew prepares a position in Donetsk Oblast.
{credit}    alt: Two soldiers in winter gear beside a mortar in the snow.
  - src: images/dugout-{i}.jpg
    caption: Drone feeds inside the command dugout.
    credit: Staff Photographer/The Test Desk
    alt: Small screens glowing green in a dark dugout.
people:
  - name: {soldier}
    callsign: {call}
    role: soldier
  - name: Dmitry Peskov
    role: official
    title: Kremlin spokesman
editor_note: >-
  In accordance with the security protocols of the military, soldiers in this story
  are identified by first names and callsigns only.
anonymous_sources: []
related: []
corrections: []
---
"""
    return (f"stories/{year}/{month:02d}/{story_id}.md",
            front + body(rng, soldier, call, plant, typographic))


def generate(target: Path, count: int, seed: int = 7, typographic: bool = False) -> Path:
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copy(ROOT / "newsdesk.yaml", target / "newsdesk.yaml")
    shutil.copy(ROOT / "staff.yaml", target / "staff.yaml")
    rng = random.Random(seed)
    for i in range(count):
        rel, text = story(i, rng, typographic=typographic)
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(target)], check=True)
    subprocess.run(["git", "-C", str(target), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(target), "-c", "user.name=Bench", "-c",
                    "user.email=bench@example.org", "commit", "-q", "-m", "generated"],
                   check=True)
    return target


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--typographic"]
    generate(Path(arguments[0]), int(arguments[1]) if len(arguments) > 1 else 1000,
             typographic="--typographic" in sys.argv)
