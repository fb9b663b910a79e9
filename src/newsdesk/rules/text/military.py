"""The words that make a person in a sentence a soldier, or clear them.

Each phrase has a kind:

- `rank` (Sgt., Senior Lieutenant, Capt.) and `role` (drone operator, combat medic, sapper,
  defender, prisoner of war) mark a soldier wherever they attach to a name;
- `general` (General, Lt. Gen., Colonel General, Admiral): this newsroom's decision is that
  generals and admirals are public figures by rank;
- `public` (spokesperson, press officer, speaks for, commander-in-chief, chief of the general
  staff): people who speak for the forces on the record are public figures even with a rank;
- `unit` (brigade, battalion, assault group, armed forces): marks a soldier when the person is
  a member of it ("of the 93rd Brigade", "his battalion", "joined the army"), not when they
  merely stand near it ("drives trucks to the brigade");
- `verb` (has served, fought in, commands a, was mobilized, enlisted, signed up);
- `civil` (President, Minister, mayor, nurse, farmer, striker): a civilian title or job;
- `relation` (husband, son, mother of): what follows is about someone else;
- `foreign` (U.S., British, NATO, retired) before a rank: a foreign or retired officer who
  comments in public;
- `sport` (pitch, scored, league): "Captain" and "defender" mean something else here.

Phrases are matched on lowercase words, longest first, so "tank driver" is a role although
"driver" is a civilian job, and "major general" a general although "major" is a rank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from newsdesk.rules.text.sentences import Token
from newsdesk.rules.text.wordsearch import Automaton

RANKS = """private|pvt|private first class|pfc|senior soldier|junior sergeant|jr sgt|sergeant|sgt
|senior sergeant|sr sgt|staff sergeant|staff sgt|master sergeant|master sgt|chief sergeant
|chief sgt|sergeant major|sgt maj|first sergeant|platoon sergeant|corporal|cpl|lance corporal
|specialist|spc|junior lieutenant|jr lt|lieutenant|lt|lieut|first lieutenant|second lieutenant
|senior lieutenant|sr lt|captain|capt|cpt|major|maj|lieutenant colonel|lt col|colonel|col
|warrant officer|chief warrant officer|ensign|petty officer|chief petty officer|seaman
|lieutenant commander|lt cmdr|naval captain"""
GENERALS = """general|gen|brigadier general|brig gen|brigadier|major general|maj gen
|lieutenant general|lt gen|colonel general|general of the army|army general|admiral|adm
|vice admiral|vice adm|rear admiral|rear adm|field marshal|marshal"""
ROLES = """soldier|serviceman|servicewoman|service member|servicemember|military serviceman
|fighter|defender|combatant|commander|deputy commander|unit commander|platoon commander
|company commander|battalion commander|battery commander|brigade commander|squad commander
|squad leader|crew commander|group commander|drone operator|drone pilot|uav operator
|fpv pilot|fpv operator|fighter pilot|helicopter pilot|military pilot|gunner|machine gunner
|grenade launcher operator|anti-tank gunner|air defence gunner|air defense gunner|medic
|combat medic|senior combat medic|sniper|spotter|artillery spotter|paratrooper|marine
|infantryman|infantrywoman|scout|reconnaissance officer|recon officer|intelligence officer
|sapper|combat engineer|military engineer|military deminer|mortarman|artilleryman
|tank driver|tank commander|driver-mechanic
|assault trooper|stormtrooper|border guard|border guardsman|national guardsman|guardsman
|rifleman|grenadier|radio operator|signalman|prisoner of war|pow|military doctor
|military surgeon|military medic|military paramedic|volunteer fighter|conscript|draftee
|legionnaire|war veteran|combat veteran|veteran of|air defender|partisan|special forces operator
|navigator|howitzer commander|mortar commander|assault group commander|sergeant of
|platoon leader|assault group leader
|army officer|infantry officer|military officer|artillery officer|naval officer|marine officer
|air force officer|staff officer"""
# The plural of roles, which stand before two names as often as one before a name
# ("Paratroopers Ivan ... and Petro ...", "..., both sappers,"). Not the plain "soldiers" or
# "fighters": those are mostly others ("Halyna ..., 68, watched soldiers dig trenches").
PLURAL_ROLES = """drone operators|drone pilots|gunners|machine gunners|medics|combat medics
|snipers|spotters
|paratroopers|infantrymen|scouts|sappers|combat engineers|mortarmen|artillerymen
|tank drivers|tank commanders|assault troopers|stormtroopers|guardsmen|border guardsmen
|riflemen|grenadiers|radio operators|signalmen|conscripts|draftees|legionnaires
|navigators|army officers|infantry officers|military officers|artillery officers"""
UNITS = """brigade|battalion|regiment|platoon|squad|detachment|corps|army corps|assault group
|assault forces|armed forces|army|national guard|territorial defence|territorial defense
|territorial defence forces|marines|marine corps|air assault forces|special forces|border guards
|border guard service|air force|navy|ground forces|unmanned systems forces|drone unit
|reconnaissance unit|recon unit|assault unit|artillery unit|military unit|special forces unit
|air defence unit|air defense unit|medical company|assault company|rifle company|mortar crew
|howitzer crew|drone crew|tank crew|gun crew|evacuation team|sabotage group|reconnaissance squad
|reconnaissance group|assault brigade|mechanized brigade|separate brigade|legion
|international legion|foreign legion|military intelligence|battery|division|company|unit
|crew"""
# Unit words that name a military unit only when qualified (an ordinal or a military word
# before them, or the phrases above): "the company said" is a business.
AMBIGUOUS_UNITS = frozenset({"battery", "division", "company", "unit", "crew", "legion",
                             "navy", "air force", "army", "corps", "squad"})
_SERVE = ("served", "serves", "serving", "has served", "have served", "had served",
          "is serving", "was serving", "fought", "fights", "has fought", "had fought",
          "is fighting", "was fighting")
VERBS = "|".join(f"{verb} {after}" for verb in _SERVE for after in (
    "in", "with", "as", "since", "alongside", "under", "on", "at", "for", "until", "during",
    "near", "two", "three", "four", "five", "six", "eight", "ten")) + """
|commands|commanded|commanding|has commanded|enlisted|has enlisted|was mobilized
|was mobilised|been mobilized|mobilized|mobilised|was drafted|was conscripted|joined the army
|joined the armed forces|joined up|joined the military|joined the territorial defence
|joined the territorial defense|signed up|signed a contract|volunteered for the front
|went to the front|went to war|was deployed|was taken prisoner|taken prisoner|was captured
|missing in action|killed in action|leads an assault|led an assault|held the line
|holds the line|was wounded in action|is a soldier|was a soldier
|trains recruits|trained recruits|training recruits|been at the front|been on the front line
|been on the front lines|been at the front line|goes by the call sign|goes by the callsign
|known by the call sign|known by the callsign|known by his call sign|known by her call sign
|whose call sign is|whose callsign is|with the call sign|with the callsign|nom de guerre
|flies reconnaissance drones|flies attack drones|flies strike drones|flies fpv drones
|flew reconnaissance drones|flew attack drones|flew strike drones|flew fpv drones"""
PUBLIC = """spokesman|spokeswoman|spokesperson|press officer|press secretary|speaks for
|spoke for|speaking for|commander-in-chief|commander in chief
|chief of the general staff
|chief of general staff|chief of staff|chief|head of military intelligence|defense minister
|defence minister|minister of defense|minister of defence|commander of the navy
|commander of the air force|commander of the ground forces|commander of the armed forces
|commander of the joint forces|supreme allied commander|joint chiefs|spokesperson for
|representative|public affairs officer|communications officer|head of the press service"""
CIVIL = """president|prime minister|minister|deputy minister|deputy prime minister|secretary
|secretary general|secretary of state|mayor|governor|ambassador|envoy|senator|congressman
|congresswoman|lawmaker|mp|member of parliament|speaker|chairman|chairwoman|chair|ceo
|chief executive|executive|founder|co-founder|director|head|leader|ombudsman|prosecutor
|prosecutor general|judge|lawyer|attorney|nurse|doctor|dr|surgeon|physician|psychologist
|therapist|teacher|schoolteacher|headmaster|headteacher|principal|professor|prof|student
|pupil|researcher|scientist|economist|analyst|expert|journalist|reporter|correspondent
|photographer|photojournalist|cameraman|editor|writer|author|novelist|poet|painter|artist
|sculptor|singer|musician|rapper|composer|actor|actress|filmmaker|chef|cook|baker|farmer
|pensioner|retiree|resident|villager|shopkeeper|businessman|businesswoman|entrepreneur
|engineer|driver|taxi driver|bus driver|truck driver|conductor|train conductor|rescuer
|firefighter|police officer|policeman|policewoman|police chief|priest|pastor|imam|rabbi|bishop
|metropolitan|activist|volunteer|coordinator|manager|striker|footballer|player|boxer|athlete
|jumper|high jumper|coach|goalkeeper|runner|swimmer|refugee|evacuee|survivor|witness|victim
|civilian|accountant|mechanic|librarian|miner|worker|official|diplomat|politician|candidate
|designer|architect|programmer|developer|historian|curator|guide|translator|interpreter
|blogger|influencer|presenter|anchor|host|producer|owner|landlord|tenant|neighbour|neighbor
|deputy head|mayor of|head of|village head|medical director|chief doctor|paramedic of the city"""
RELATIONS = """husband|wife|son|daughter|brother|sister|father|mother|fiance|fiancé|fiancee
|boyfriend|girlfriend|partner|grandson|granddaughter|grandfather|grandmother|nephew|niece
|uncle|aunt|cousin|friend|widow|widower|parents|family|children|child|relatives|relative
|colleague|classmate|brother-in-law|son-in-law|mother-in-law|father-in-law"""
FOREIGN = """u.s|us|american|british|uk|nato|pentagon|german|french|canadian|australian
|israeli|polish|dutch|retired|ret|allied|western|swedish|norwegian|danish|finnish"""
SPORT = """pitch|scored|score|goal|goals|league|match|tournament|championship|qualifier|club
|team|squad's|olympic|olympics|medal|cup|coach|striker|midfielder|season|fans|stadium|ship
|vessel|crew of the|airline|flight|yacht|ferry"""


def _phrases(block: str) -> list[tuple[str, ...]]:
    return [tuple(p.replace(".", " ").split()) for p in block.replace("\n", "").split("|")
            if p.strip()]


PLURAL = frozenset(_phrases(PLURAL_ROLES))  # a cue that may describe two names


@dataclass(frozen=True, slots=True)
class Cue:
    kind: str
    first: int  # index of the first token of the phrase in the sentence
    last: int  # index of its last token
    phrase: tuple[str, ...]


class Lexicon:
    """Finds cue phrases in a sentence's tokens, longest first."""

    KINDS = (("general", GENERALS), ("public", PUBLIC), ("rank", RANKS), ("role", ROLES),
             ("role", PLURAL_ROLES),
             ("verb", VERBS), ("unit", UNITS), ("civil", CIVIL), ("relation", RELATIONS),
             ("foreign", FOREIGN), ("sport", SPORT))

    def __init__(self) -> None:
        table: dict[tuple[str, ...], str] = {}
        for kind, block in self.KINDS:
            for phrase in _phrases(block):
                table.setdefault(phrase, kind)
        self.kind_of = table
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in sorted(table, key=len, reverse=True):
            self.by_first.setdefault(phrase[0], []).append(phrase)

    @cached_property
    def military_parts(self) -> tuple[frozenset[str], dict[str, list[frozenset[str]]]]:
        single: set[str] = set()
        multi: dict[str, list[frozenset[str]]] = {}
        for phrase, kind in self.kind_of.items():
            if kind not in ("rank", "role", "unit", "verb"):
                continue
            parts = [part for word in phrase for part in _LETTERS.findall(word)]
            if len(parts) == 1:
                single.add(parts[0])
            else:
                multi.setdefault(parts[0], []).append(frozenset(parts))
        return frozenset(single), multi

    def may_hold_military(self, words: list[str]) -> bool:
        """False when a text whose words (letter runs, lower case) are `words` cannot hold a
        rank, role, unit or service phrase ("machine-gunner" gives "machine" and "gunner",
        and a phrase of several words needs all of them). (A set is built only when no
        one-word phrase is there: the test stops at the first word that is one.)"""
        single, multi = self.military_parts
        if not single.isdisjoint(words):
            return True
        present = set(words)
        return any(parts <= present for first in present.intersection(multi)
                   for parts in multi[first])

    def cues(self, tokens: list[Token]) -> list[Cue]:
        """Every cue phrase in the tokens; a phrase may skip the full stops of abbreviations
        ("Lt. Col.") and a hyphen is part of its word."""
        words = [(i, t) for i, t in enumerate(tokens) if t.kind == "word"]
        by_first = self.by_first
        # only words that may open a phrase are looked at (a word with an apostrophe is
        # looked at in any case: its key drops a possessive)
        openers = [position for position, (_, t) in enumerate(words) if t.lower in by_first
                   or "'" in t.lower or "’" in t.lower]
        found: list[Cue] = []
        free = 0  # the first word not inside a phrase already found
        for position in openers:
            if position < free:
                continue
            index, token = words[position]
            key = token.lower.rstrip("'’")
            if key.endswith(("'s", "’s")):
                key = key[:-2]
            matched = None
            for phrase in by_first.get(key, ()):
                if self._matches(tokens, words, position, phrase):
                    matched = phrase
                    break
            if matched is None or (matched in _MODIFIERS and position + 1 < len(words)
                                   and self._role_at(tokens, words, position + 1)):
                continue  # "chief sapper", "head medic": the role is what counts
            if matched in _ACRONYMS and not token.text.isupper():
                continue
            last_index = words[position + len(matched) - 1][0]
            found.append(Cue(self.kind_of[matched], index, last_index, matched))
            free = position + len(matched)
        return found

    def _role_at(self, tokens: list[Token], words: list[tuple[int, Token]],
                 position: int) -> bool:
        key = words[position][1].lower
        return any(self.kind_of[p] in ("role", "rank") and self._matches(tokens, words,
                                                                        position, p)
                   for p in self.by_first.get(key, ()))

    @staticmethod
    def _matches(tokens: list[Token], words: list[tuple[int, Token]], position: int,
                 phrase: tuple[str, ...]) -> bool:
        if position + len(phrase) > len(words):
            return False
        for offset, part in enumerate(phrase):
            index, token = words[position + offset]
            lowered = token.lower
            if offset == len(phrase) - 1 and lowered.endswith(("'s", "’s")):
                lowered = lowered[:-2]
            if lowered != part:
                return False
            if offset:
                previous = words[position + offset - 1][0]
                between = tokens[previous + 1:index]
                if any(t.text != "." for t in between):
                    return False
        return True


class MilitaryFinder:
    """`Lexicon.may_hold_military` of a sentence, answered by an automaton scan of its bytes
    instead of splitting it into words in Python (a regular expression reads a character at
    a time, the automaton at memory speed).

    A sentence holds a military phrase when it holds a one-word phrase, or every word of a
    longer one. The automaton looks for the one-word phrases and, of each longer phrase, its
    longest word: a sentence with none of these holds no phrase; a sentence with a one-word
    phrase holds one; only a sentence with nothing but a longer phrase's word is split into
    words to be sure. A hit counts where a letter run (`_LETTERS`) of the sentence is exactly
    the word, so the answer is the one splitting gives."""

    def __init__(self, lexicon: Lexicon, also: frozenset[str] = frozenset()) -> None:
        """Words in `also` count as military too."""
        single, multi = lexicon.military_parts
        sure = single | also
        # a longer phrase holding a one-word phrase ("volunteer fighter") needs no word of
        # its own: the one-word phrase decides
        rare = {max(sorted(parts - _FUNCTION_WORDS), key=len)
                for phrases in multi.values() for parts in phrases if parts.isdisjoint(sure)}
        keys = sorted(sure | rare)
        self._lexicon = lexicon
        self._also = also
        self._sure = [key in sure for key in keys]
        self._words = Automaton(tuple(keys))

    def holds(self, lowered: str) -> bool:
        """Whether the lower-case sentence may hold a military phrase or a word of `also`:
        exactly `may_hold_military` of its letter runs (or one of them in `also`)."""
        partial = False
        sure = self._sure
        end = len(lowered)
        for key, first, last in self._words.matches(lowered):
            if (first and _letter(lowered[first - 1])) or (last < end and _letter(lowered[last])):
                continue
            if sure[key]:
                return True
            partial = True
        if not partial:
            return False
        words = _LETTERS.findall(lowered)
        return self._lexicon.may_hold_military(words) or not self._also.isdisjoint(words)


def _letter(char: str) -> bool:
    """A character of a letter run (`_LETTERS`): a word character, not a digit or "_"."""
    return char.isalnum() and not char.isdecimal()


_LETTERS = re.compile(r"[^\W\d_]+")
# Words of a longer phrase too common to stand for it ("served during": "served").
_FUNCTION_WORDS = frozenset({"during", "alongside", "until", "under", "since"})
# Words that are a title alone but only qualify a role after them.
_MODIFIERS = frozenset({("chief",), ("head",), ("senior",), ("deputy",)})
# Foreign armies named by an acronym count only in capitals: in lower case "us" is the
# pronoun ('"It costs us," said Sgt. ...' names a Ukrainian sergeant, not an American one).
_ACRONYMS = frozenset({("us",), ("uk",)})
LEXICON = Lexicon()
