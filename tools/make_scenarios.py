#!/usr/bin/env python3
"""Generate the bundled scenarios, ``assets/scenarios/*.json``, from Correlates of War data.

Run from the repository root::

    .venv/bin/python tools/make_scenarios.py                # write all six files
    .venv/bin/python tools/make_scenarios.py --check        # fail if a file is out of date
    .venv/bin/python tools/make_scenarios.py --data DIR     # data somewhere else

Why a generator and not hand-written JSON: every capability and every tie can then be traced
back to a row of the source data, and a correction to a judgement is made once, here.

Inputs (read in place, never copied into the repository; default ``../shared/data``):

* ``cow_nmc_v6.0.csv``: COW National Material Capabilities v6.0 -> ``capability`` is the CINC
  score of the scenario year, raw, 4 significant digits (Singer, Bremer & Stuckey 1972;
  Greig & Enterline 2021).
* ``cow_alliance_v4.1_by_member.csv``: COW Formal Alliances v4.1 (Gibler 2009) -> ``ties``.

Tie rule (see `cow_ties`): two states are tied when both are members of the same COW alliance
on the scenario's reference date. One tie per pair: the firmest shared type decides the kind
(Type I defence pact -> "alliance", Type III entente -> "entente", Type II neutrality or
non-aggression -> "alignment"). Commitment: alliance 0.75, or 0.8 when the pair shares a
multilateral treaty organisation (`ORGANISATIONS`); entente 0.4; alignment 0.3. ``since`` is the
year the pair became allied in that kind: the later of the two members' entry years (the
alliance's own start year for a membership COW left-censors at 1816), earliest over the
pair's alliances of that kind. COW v4.1 ends in 2012: a membership still open then counts as
active in 2016. Where COW lacks a tie or codes one against the treaty text, a scenario lists a
documented `Correction`.

Offense, aggression, satisfaction, regime and affinity are modelling judgements: each is
written into the scenario's "notes" with its basis, so a teacher can see and change it.

History (the optional ``history`` field, what actually happened at later dates, for
``alliance-sandbox score``): the same COW rule on each date (`history_entry`), kinds only, plus
documented `Judgement`s for wartime coalitions, successor states and, past COW's end in 2012,
what changed since; each judgement is written into the entry's notes with its reason.

Every file is checked by the project's own validator and laid out by its writer (`render`);
``--check`` also loads each file on disk with the project's loader.
"""
from __future__ import annotations

import argparse
import csv
import dataclasses
import datetime as dt
import itertools
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"
DEFAULT_OUT = REPO / "assets" / "scenarios"
NMC_FILE = "cow_nmc_v6.0.csv"
ALLIANCE_FILE = "cow_alliance_v4.1_by_member.csv"

# --------------------------------------------------------------------------- citations
SRC = {
    "nmc72": "Singer, J. David, Stuart Bremer and John Stuckey (1972). Capability Distribution, "
    "Uncertainty, and Major Power War, 1820-1965. In Bruce Russett (ed.), Peace, War, and "
    "Numbers. Beverly Hills: Sage, 19-48.",
    "nmc21": "Greig, J. Michael and Andrew J. Enterline (2021). Correlates of War Project National "
    "Material Capabilities (NMC) Data Documentation, Version 6.0.",
    "gibler": "Gibler, Douglas M. (2009). International Military Alliances, 1648-2008. "
    "Washington, DC: CQ Press. (Correlates of War Formal Alliances v4.1)",
    "llm": "Leeds, Brett Ashley, Andrew G. Long and Sara McLaughlin Mitchell (2000). Reevaluating "
    "Alliance Reliability: Specific Threats, Specific Promises. Journal of Conflict Resolution "
    "44(5): 686-699.",
    "walt": "Walt, Stephen M. (1987). The Origins of Alliances. Ithaca: Cornell University Press.",
    "waltz": "Waltz, Kenneth N. (1979). Theory of International Politics. Reading, MA: "
    "Addison-Wesley.",
    "cs90": "Christensen, Thomas J. and Jack Snyder (1990). Chain Gangs and Passed Bucks: "
    "Predicting Alliance Patterns in Multipolarity. International Organization 44(2): 137-168.",
    "vanevera": "Van Evera, Stephen (1984). The Cult of the Offensive and the Origins of the First "
    "World War. International Security 9(1): 58-107.",
    "snyder84": "Snyder, Glenn H. (1984). The Security Dilemma in Alliance Politics. World "
    "Politics 36(4): 461-495.",
    "ab93": "Axelrod, Robert and D. Scott Bennett (1993). A Landscape Theory of Aggregation. "
    "British Journal of Political Science 23(2): 211-233.",
    "schweller": "Schweller, Randall L. (1994). Bandwagoning for Profit: Bringing the Revisionist "
    "State Back In. International Security 19(1): 72-107.",
    "mearsheimer": "Mearsheimer, John J. (1990). Back to the Future: Instability in Europe after "
    "the Cold War. International Security 15(1): 5-56.",
    "wallander": "Wallander, Celeste A. (2000). Institutional Assets and Adaptability: NATO After "
    "the Cold War. International Organization 54(4): 705-735.",
    "risse": "Risse-Kappen, Thomas (1996). Collective Identity in a Democratic Community: The Case "
    "of NATO. In Peter J. Katzenstein (ed.), The Culture of National Security. New York: "
    "Columbia University Press, 357-399.",
    "morrow": "Morrow, James D. (1991). Alliances and Asymmetry: An Alternative to the Capability "
    "Aggregation Model of Alliances. American Journal of Political Science 35(4): 904-933.",
    "cha": "Cha, Victor D. (2009/10). Powerplay: Origins of the U.S. Alliance System in Asia. "
    "International Security 34(3): 158-196.",
    "jervis": "Jervis, Robert (1989). The Meaning of the Nuclear Revolution. Ithaca: Cornell "
    "University Press.",
    "nato2004": "North Atlantic Treaty Organization (2004). Accession of Bulgaria, Estonia, Latvia, "
    "Lithuania, Romania, Slovakia and Slovenia to the North Atlantic Treaty: instruments deposited "
    "in Washington, 29 March 2004.",
    "usdos": "U.S. Department of State. U.S. Collective Defense Arrangements (the Mutual Defense "
    "Treaties with Japan 1960, the Republic of Korea 1953 and the Philippines 1951, ANZUS 1951, and "
    "the Southeast Asia Collective Defense Treaty 1954, in force for Thailand).",
    "quad": "The White House (2021). Quad Leaders' Joint Statement: 'The Spirit of the Quad', 12 "
    "March 2021; and the Quad Leaders' Joint Statement of 20 May 2023 (Hiroshima).",
    "japaus": "Ministry of Foreign Affairs of Japan (2022). Japan-Australia Joint Declaration on "
    "Security Cooperation, 22 October 2022.",
    "sinorus": "Treaty of Good-Neighbourliness and Friendly Cooperation between the People's "
    "Republic of China and the Russian Federation, 16 July 2001 (extended 2021); Joint Statement "
    "of the Russian Federation and the People's Republic of China on the International Relations "
    "Entering a New Era, 4 February 2022.",
    "kcna2023": "Korean Central News Agency: DPRK Ministry of Defence statement of 23 November 2023 "
    "(the 2018 inter-Korean military agreement no longer binding); Kim Jong Un's report to the "
    "Ninth Plenary Meeting of the Eighth WPK Central Committee, 26-30 December 2023.",
    "williamson": "Williamson, Samuel R., Jr. (1991). Austria-Hungary and the Origins of the First "
    "World War. New York: St. Martin's Press.",
    "schweller93": "Schweller, Randall L. (1993). Tripolarity and the Second World War. "
    "International Studies Quarterly 37(1): 73-103.",
    "schweller98": "Schweller, Randall L. (1998). Deadly Imbalances: Tripolarity and Hitler's "
    "Strategy of World Conquest. New York: Columbia University Press.",
    "gilbert": "Gilbert, Martin (1994). The First World War: A Complete History. New York: Holt.",
    "weinberg": "Weinberg, Gerhard L. (1994). A World at Arms: A Global History of World War II. "
    "Cambridge: Cambridge University Press.",
}
DATA_SOURCES = ["nmc72", "nmc21", "gibler"]


def data_citation(year: int, extra: str = "") -> str:
    """The sentence every data-based description ends with."""
    text = (
        "Capabilities: COW National Material Capabilities v6.0 (Singer, Bremer & Stuckey 1972; "
        f"Greig & Enterline 2021), CINC, {year}. Alliances: COW Formal Alliances v4.1 "
        "(Gibler 2009)"
    )
    return text + (f", {extra}." if extra else ".")


RELIABILITY = 0.745  # Leeds, Long & Mitchell (2000): 74.5% of commitments honoured, 1816-1944
RELIABILITY_TEXT = "Ally reliability 0.745: Leeds, Long & Mitchell (2000)."

# --------------------------------------------------------------------------- capitals
#: Capital (lon, lat) per id; `CAPITAL_OVERRIDES` hold the capitals that moved.
CAPITALS: dict[str, tuple[float, float]] = {
    "UKG": (-0.13, 51.51), "FRN": (2.35, 48.86), "GMY": (13.40, 52.52), "AUH": (16.37, 48.21),
    "ITA": (12.50, 41.90), "RUS": (37.62, 55.76), "YUG": (20.46, 44.82), "BUL": (23.32, 42.70),
    "ROM": (26.10, 44.43), "GRC": (23.73, 37.98), "TUR": (32.85, 39.93), "BEL": (4.35, 50.85),
    "POL": (21.01, 52.23), "CZE": (14.42, 50.09), "HUN": (19.04, 47.50), "POR": (-9.14, 38.72),
    "FIN": (24.94, 60.17), "DEN": (12.57, 55.68), "EST": (24.75, 59.44), "LAT": (24.11, 56.95),
    "LIT": (25.28, 54.69), "USA": (-77.04, 38.91), "CAN": (-75.70, 45.42), "NTH": (4.90, 52.37),
    "LUX": (6.13, 49.61), "NOR": (10.75, 59.91), "ICE": (-21.94, 64.15), "SPN": (-3.70, 40.42),
    "GFR": (7.10, 50.73), "GDR": (13.40, 52.52), "ALB": (19.82, 41.33), "SWD": (18.07, 59.33),
    "CHN": (116.40, 39.90), "JPN": (139.69, 35.69), "ROK": (126.98, 37.57),
    "PRK": (125.75, 39.02), "TAW": (121.56, 25.04), "PHI": (120.98, 14.60),
    "AUL": (149.13, -35.28), "THI": (100.50, 13.76), "DRV": (105.85, 21.03),
    "IND": (77.21, 28.61), "SIN": (103.82, 1.35), "INS": (106.85, -6.21),
}
CAPITAL_OVERRIDES: dict[int, dict[str, tuple[float, float]]] = {
    1913: {"RUS": (30.32, 59.94), "TUR": (28.98, 41.01)},  # St Petersburg; Constantinople
    1936: {"LIT": (23.90, 54.90)},  # Kaunas, the interwar capital (Vilnius was Polish)
}

# --------------------------------------------------------------------------- alliances
KIND_RANK = {"alignment": 1, "entente": 2, "alliance": 3}
KIND_COMMITMENT = {"alignment": 0.3, "entente": 0.4, "alliance": 0.75}
ORGANISATION_COMMITMENT = 0.8

#: COW alliances that are multilateral treaty organisations (standing bodies, integrated
#: commands or councils): their members' pairs get commitment 0.8 instead of 0.75.
ORGANISATIONS = {
    210: "Rio Treaty (OAS)",
    218: "Brussels Treaty (Western Union / WEU)",
    227: "NATO",
    243: "Warsaw Pact",
}

#: Names of COW alliances that appear in the scenarios, for the notes. Unnamed ones are cited
#: by their COW number only.
ALLIANCE_NAMES = {
    1: "Anglo-Portuguese Alliance (Treaty of Windsor)",
    64: "Dual Alliance",
    67: "Triple Alliance",
    68: "Romania's secret accession to the Triple Alliance",
    74: "Franco-Russian Alliance",
    78: "Franco-Italian accord (Prinetti-Barrere)",
    83: "Cartagena (Mediterranean) agreements",
    86: "Racconigi agreement",
    91: "Grey-Cambon letters",
    92: "Serbo-Greek alliance",
    104: "Franco-Polish alliance",
    107: "Polish-Romanian alliance",
    108: "Czechoslovak-Romanian alliance (Little Entente)",
    109: "Yugoslav-Romanian alliance (Little Entente)",
    114: "Estonian-Latvian alliance",
    115: "Franco-Czechoslovak treaty of alliance and friendship",
    119: "Franco-Polish guarantee (Locarno)",
    120: "Franco-Czechoslovak guarantee (Locarno)",
    124: "Franco-Romanian treaty of friendship",
    128: "Polish-Yugoslav treaty of friendship",
    129: "Soviet-Lithuanian non-aggression treaty",
    132: "Franco-Yugoslav treaty of friendship",
    141: "Greek-Yugoslav pact of friendship",
    145: "Soviet-Finnish non-aggression pact",
    146: "Soviet-Latvian non-aggression pact",
    147: "Soviet-Estonian non-aggression pact",
    148: "Soviet-Polish non-aggression pact",
    150: "Italo-Soviet pact of friendship, non-aggression and neutrality",
    153: "German-Polish non-aggression declaration",
    154: "Balkan Pact",
    155: "Rome Protocols",
    157: "Baltic Entente",
    159: "Franco-Soviet Treaty of Mutual Assistance",
    160: "Czechoslovak-Soviet treaty",
    173: "Iberian Pact",
    210: "Rio Treaty",
    218: "Brussels Treaty (WEU)",
    220: "Finnish-Soviet Treaty of Friendship, Cooperation and Mutual Assistance",
    227: "NATO",
    229: "Sino-Soviet Treaty of Friendship",
    231: "US-Philippines Mutual Defense Treaty",
    232: "ANZUS",
    233: "US-Japan security treaty",
    234: "Balkan Pact (Greece-Turkey-Yugoslavia)",
    236: "US-ROK Mutual Defense Treaty",
    238: "SEATO (Manila Pact)",
    241: "Baghdad Pact",
    240: "US-ROC Mutual Defense Treaty",
    243: "Warsaw Pact",
    252: "NORAD",
    264: "Soviet-North Korean treaty",
    265: "Sino-North Korean Treaty of Friendship",
    344: "Inter-Korean Basic Agreement",
    389: "Shanghai Five agreement",
    397: "Russian-North Korean treaty",
    255: "US-Turkish agreement of cooperation",
    286: "Franco-Soviet consultation protocol",
    287: "Canadian-Soviet consultation protocol",
}
#: The Soviet bloc's bilateral treaties of friendship, cooperation and mutual assistance.
ALLIANCE_NAMES.update({aid: "bilateral treaty of friendship and mutual assistance" for aid in (
    201, 208, 212, 214, 215, 216, 217, 219, 221, 222, 223, 224, 225, 226, 228, 272, 275, 276,
    277, 279, 292)})


def cow_kind(ss_type: str) -> str:
    """COW's highest obligation type -> the sandbox's tie kind."""
    if ss_type.startswith("Type III"):
        return "entente"
    if ss_type.startswith("Type II"):
        return "alignment"
    if ss_type.startswith("Type I"):
        return "alliance"
    raise ValueError(f"unknown COW alliance type {ss_type!r}")


@dataclass(frozen=True)
class Membership:
    """One row of the by-member alliance file: a state's membership of one alliance."""

    alliance: int
    state: str
    kind: str
    alliance_start: int
    start: dt.date
    end: dt.date | None
    left_censored: bool

    @property
    def entry_year(self) -> int:
        """The year the state joined; COW starts left-censored memberships at 1816."""
        return self.alliance_start if self.left_censored else self.start.year

    def active(self, on: dt.date) -> bool:
        return self.start <= on and (self.end is None or self.end >= on)


@dataclass(frozen=True)
class Correction:
    """A tie COW lacks or codes against the treaty text; `why` goes into the notes."""

    a: str
    b: str
    kind: str
    since: int
    why: str
    commitment: float | None = None


@dataclass
class Data:
    """The two COW tables, read once."""

    cinc: dict[tuple[str, int], float]
    memberships: list[Membership]
    folder: Path

    def capability(self, sid: str, year: int) -> float:
        """CINC of `sid` in `year`, rounded to 4 significant digits."""
        try:
            value = self.cinc[(sid, year)]
        except KeyError:
            raise SystemExit(f"{NMC_FILE}: no CINC for {sid} in {year}") from None
        return float(f"{value:.4g}")


def read_data(folder: Path) -> Data:
    nmc_path, alliance_path = folder / NMC_FILE, folder / ALLIANCE_FILE
    for path in (nmc_path, alliance_path):
        if not path.is_file():
            raise SystemExit(f"missing {path} (give the data folder with --data)")
    cinc: dict[tuple[str, int], float] = {}
    abb_of: dict[int, str] = {}
    with nmc_path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            cinc[(row["stateabb"], int(row["year"]))] = float(row["cinc"])
            abb_of[int(row["ccode"])] = row["stateabb"]

    def date(row: dict, prefix: str) -> dt.date | None:
        year = row[f"{prefix}_year"]
        if not year:
            return None
        return dt.date(int(year), int(row[f"{prefix}_month"] or 1), int(row[f"{prefix}_day"] or 1))

    memberships = []
    with alliance_path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            memberships.append(Membership(
                alliance=int(row["version4id"]),
                state=abb_of[int(row["ccode"])],
                kind=cow_kind(row["ss_type"]),
                alliance_start=int(row["all_st_year"]),
                start=date(row, "mem_st"),
                end=date(row, "mem_end"),
                left_censored=row["left_censor"] == "1",
            ))
    return Data(cinc, memberships, folder)


@dataclass
class Tie:
    a: str
    b: str
    kind: str
    commitment: float
    since: int
    alliances: list[int] = field(default_factory=list)
    held_by: str | None = None

    def as_json(self) -> dict:
        data = {"a": self.a, "b": self.b, "kind": self.kind, "commitment": self.commitment, "since": self.since}
        if self.held_by is not None:
            data["held_by"] = self.held_by
        return data


def cow_ties(data: Data, ids: list[str], on: dt.date) -> list[Tie]:
    """One tie per pair of `ids` sharing a COW alliance active on date `on` (rule: module doc)."""
    members: dict[int, dict[str, Membership]] = {}
    for m in data.memberships:
        if m.state in ids and m.active(on):
            members.setdefault(m.alliance, {})[m.state] = m
    order = {sid: k for k, sid in enumerate(ids)}
    ties = []
    for a, b in itertools.combinations(ids, 2):
        shared = [(aid, ms[a], ms[b]) for aid, ms in sorted(members.items()) if a in ms and b in ms]
        if not shared:
            continue
        kind = max((ma.kind for _, ma, _ in shared), key=KIND_RANK.__getitem__)
        firm = [(aid, ma, mb) for aid, ma, mb in shared if ma.kind == kind]
        commitment = KIND_COMMITMENT[kind]
        if kind == "alliance" and any(aid in ORGANISATIONS for aid, _, _ in firm):
            commitment = ORGANISATION_COMMITMENT
        since = min(max(ma.entry_year, mb.entry_year) for _, ma, mb in firm)
        a2, b2 = sorted((a, b), key=order.__getitem__)
        ties.append(Tie(a2, b2, kind, commitment, since, [aid for aid, _, _ in shared]))
    return ties


def apply_corrections(ties: list[Tie], corrections: list[Correction]) -> list[Tie]:
    """Replace or add the corrected ties, keeping the order of the COW ties."""
    by_pair = {frozenset((t.a, t.b)): t for t in ties}
    for c in corrections:
        commitment = c.commitment if c.commitment is not None else KIND_COMMITMENT[c.kind]
        old = by_pair.get(frozenset((c.a, c.b)))
        if old is not None:
            old.kind, old.commitment, old.since = c.kind, commitment, c.since
        else:
            tie = Tie(c.a, c.b, c.kind, commitment, c.since)
            ties.append(tie)
            by_pair[frozenset((c.a, c.b))] = tie
    return ties


def tie_notes(data: Data, ties: list[Tie], ids: list[str], on: dt.date) -> list[str]:
    """One note per contributing COW alliance: its members here and their entry years."""
    used = sorted({aid for t in ties for aid in t.alliances})
    notes = []
    for aid in used:
        rows = [m for m in data.memberships
                if m.alliance == aid and m.state in ids and m.active(on)]
        rows.sort(key=lambda m: ids.index(m.state))
        name = ALLIANCE_NAMES.get(aid, "")
        org = "; a treaty organisation (commitment 0.8)" if aid in ORGANISATIONS else ""
        members = ", ".join(f"{m.state} {m.entry_year}" for m in rows)
        notes.append(f"COW #{aid}{': ' + name if name else ''} -- {rows[0].kind} from "
                     f"{rows[0].alliance_start}; members here (entry year): {members}{org}.")
    return notes


# --------------------------------------------------------------------------- history
#: How firm each kind is, for judgements: a coalition replaces only a looser tie.
FIRMNESS = {"alignment": 1, "coalition": 2, "entente": 3, "alliance": 4}
#: COW Formal Alliances v4.1 ends here: for a later date, memberships still open are taken as
#: still in force, and documented judgements say what changed.
COW_END = dt.date(2012, 12, 31)


@dataclass(frozen=True)
class Judgement:
    """A tie history had that COW lacks or codes looser (`kind`), or did not have (kind None)."""

    a: str
    b: str
    kind: str | None
    why: str


def coalition(members: list[str], why: str) -> list[Judgement]:
    """States fighting one war together: a coalition tie for each pair (where COW has none firmer)."""
    return [Judgement(a, b, "coalition", why) for a, b in itertools.combinations(members, 2)]


@dataclass(frozen=True)
class HistoryDate:
    """One history entry of a scenario: the COW ties on `on`, then the judgements."""

    year: int
    on: dt.date
    summary: str
    judgements: tuple[Judgement, ...] = ()
    #: COW state abbreviation -> scenario id, for successor states (unified Germany as GFR).
    rename: tuple[tuple[str, str], ...] = ()
    sources: tuple[str, ...] = ()


def history_entry(data: Data, ids: list[str], date: HistoryDate) -> dict:
    """The `history` entry for one date: COW memberships active on the date (rule as for the
    scenario's ties, kinds only), then the judgements, each written into the notes."""
    rename = dict(date.rename)
    if rename:
        data = Data(data.cinc, [dataclasses.replace(m, state=rename.get(m.state, m.state))
                                for m in data.memberships], data.folder)
    cow_on = min(date.on, COW_END)
    cow = cow_ties(data, ids, cow_on)
    ties = {frozenset((t.a, t.b)): [t.a, t.b, t.kind] for t in cow}
    rule = (f"Ties: COW Formal Alliances v4.1 memberships active on {cow_on.isoformat()}, one per "
            "pair, kind as for the scenario's ties (Type I alliance, Type III entente, Type II "
            "alignment).")
    if cow_on < date.on:
        rule += (f" COW ends in {COW_END.year}: memberships still open then are taken as in force "
                 f"on {date.on.isoformat()}; what changed since is a judgement below.")
    notes = [date.summary, rule] + tie_notes(data, cow, ids, cow_on)
    notes += [f"COW state {old} counted as {new} (successor state)." for old, new in date.rename]
    for j in date.judgements:
        key = frozenset((j.a, j.b))
        old = ties.get(key)
        if j.kind is None:
            if old is None:
                raise ValueError(f"{date.year}: no {j.a}-{j.b} tie to remove")
            del ties[key]
            notes.append(f"Judgement {j.a}-{j.b}: no tie ({old[2]} in COW). {j.why}")
        elif old is None or FIRMNESS[j.kind] > FIRMNESS[old[2]]:
            ties[key] = [j.a, j.b, j.kind]
            was = f", {old[2]} in COW" if old else ""
            notes.append(f"Judgement {j.a}-{j.b}: {j.kind}{was}. {j.why}")
    order = {sid: k for k, sid in enumerate(ids)}
    rows = sorted((sorted((a, b), key=order.__getitem__) + [kind] for a, b, kind in ties.values()),
                  key=lambda r: (order[r[0]], order[r[1]]))
    used = ["gibler"] + [k for k in date.sources if k != "gibler"]
    return {"year": date.year, "ties": [{"a": a, "b": b, "kind": kind} for a, b, kind in rows],
            "notes": notes, "sources": [SRC[k] for k in used]}


# --------------------------------------------------------------------------- states, affinity
@dataclass(frozen=True)
class StateSpec:
    """A state's modelling judgements; capability and position come from data and tables."""

    sid: str
    name: str
    offense: float
    aggression: float
    satisfaction: float
    regime: str
    basis: str


#: Years over which a state's starting trend is measured (CINC of year - TREND_YEARS to year).
TREND_YEARS = 5
#: The largest trend kept, per year: beyond it wartime mobilisation, not a power shift, moves
#: the CINC (Bulgaria and Greece 1908-13: +0.35 and +0.27 a year).
TREND_LIMIT = 0.1


def trend(data: Data, sid: str, year: int) -> float:
    """Mean yearly change of log CINC over the TREND_YEARS before `year` (0 when unknown),
    within +-TREND_LIMIT, 4 decimals. CINC is already a share of the world's capability, so
    this is the change of the share.
    """
    before = data.cinc.get((sid, year - TREND_YEARS))
    now = data.cinc.get((sid, year))
    if not before or not now:
        return 0.0
    return round(max(-TREND_LIMIT, min(TREND_LIMIT, math.log(now / before) / TREND_YEARS)), 4)


def build_states(data: Data, year: int, specs: list[StateSpec]) -> list[dict]:
    capitals = {**CAPITALS, **CAPITAL_OVERRIDES.get(year, {})}
    return [
        {"id": s.sid, "name": s.name, "capability": data.capability(s.sid, year),
         "lon": capitals[s.sid][0], "lat": capitals[s.sid][1], "offense": s.offense,
         "aggression": s.aggression, "satisfaction": s.satisfaction, "trend": trend(data, s.sid, year),
         "regime": s.regime}
        for s in specs
    ]


def state_notes(specs: list[StateSpec]) -> list[str]:
    return [f"{s.sid} {s.name}: offense {s.offense}, aggression {s.aggression}, satisfaction "
            f"{s.satisfaction}, regime {s.regime}. {s.basis}" for s in specs]


def build_affinity(specs: list[StateSpec], regime_terms: dict[tuple[str, str], float],
                   adjustments: list[tuple[str, str, float, str]]) -> list[dict]:
    """Affinity of each pair = regime term + history/territory adjustments, clipped to [-1, 1].

    Every pair with a non-zero value, or with the same regime, is written out, so that the
    engine's `same_regime_affinity` default never adds to a judgement made here.
    """
    regime = {s.sid: s.regime for s in specs}
    extra: dict[frozenset, float] = {}
    for a, b, value, _why in adjustments:
        key = frozenset((a, b))
        if a == b or a not in regime or b not in regime or key in extra:
            raise ValueError(f"bad or repeated affinity adjustment {a}-{b}")
        extra[key] = value
    out = []
    for sa, sb in itertools.combinations(specs, 2):
        a, b = sa.sid, sb.sid
        pair = (regime[a], regime[b])
        term = regime_terms.get(pair, regime_terms.get(pair[::-1], 0.0))
        value = max(-1.0, min(1.0, round(term + extra.get(frozenset((a, b)), 0.0), 2)))
        if value != 0.0 or regime[a] == regime[b]:
            out.append({"a": a, "b": b, "value": value})
    return out


def affinity_notes(regime_terms: dict[tuple[str, str], float],
                   adjustments: list[tuple[str, str, float, str]]) -> list[str]:
    terms = "; ".join(f"{x}-{y} {v:+g}" for (x, y), v in regime_terms.items())
    notes = [f"Affinity = regime term + adjustment, clipped to [-1, 1]. Regime terms: {terms}; "
             "other regime pairs 0. Every pair with a non-zero value or the same regime is listed."]
    notes += [f"Affinity {a}-{b} {v:+g}: {why}" for a, b, v, why in adjustments]
    return notes


# --------------------------------------------------------------------------- scenarios
@dataclass
class Scenario:
    slug: str
    name: str
    description: str
    lens: str
    start_year: int | None
    settings: dict
    states: list[dict]
    ties: list[dict]
    affinity: list[dict]
    shocks: list[dict]
    sources: list[str]
    notes: list[str]
    seed: int = 0
    history: list[dict] = field(default_factory=list)
    questions: list[dict] = field(default_factory=list)

    def document(self) -> dict:
        """The scenario as JSON data, for the project's validator and writer."""
        doc = {"schema_version": 1, "name": self.name, "description": self.description,
               "seed": self.seed, "lens": self.lens, "start_year": self.start_year,
               "settings": self.settings, "states": [with_short_name(s) for s in self.states],
               "ties": self.ties, "affinity": self.affinity, "shocks": self.shocks}
        if self.history:
            doc["history"] = self.history
        if self.questions:
            doc["questions"] = self.questions
        doc.update({"sources": self.sources, "notes": self.notes,
                    "_generated_by": "tools/make_scenarios.py (edit the script, not this file)"})
        return doc


#: What a crowded map shows instead of a long name (`short_name`); names not listed are short
#: enough already. Never a COW code: a class reads "W. Germany", not "GFR".
SHORT_NAMES: dict[str, str] = {
    "United States": "U.S.", "Soviet Union": "USSR", "United Kingdom": "Britain",
    "West Germany": "W. Germany", "East Germany": "E. Germany", "Czechoslovakia": "Czechosl.",
    "Netherlands": "Neth.", "Luxembourg": "Lux.", "Yugoslavia": "Yugosl.",
    "Austria-Hungary": "A-Hungary", "Ottoman Empire": "Ottomans", "South Korea": "S. Korea",
    "North Korea": "N. Korea", "Philippines": "Philipp.", "Indonesia": "Indon.",
    "Australia": "Austral.", "Singapore": "Singap.", "Portugal": "Port.", "Romania": "Rom.",
    "Bulgaria": "Bulg.", "Denmark": "Den.", "Iceland": "Ice.", "Lithuania": "Lith.",
    "Estonia": "Est.", "Latvia": "Latv.", "Hungary": "Hung.", "Belgium": "Belg.",
    "Albania": "Alb.", "Thailand": "Thai.", "Vietnam": "Viet.", "Finland": "Fin.",
    "Sweden": "Swed.", "Norway": "Nor.", "Greece": "Gre.", "Turkey": "Tur.", "Poland": "Pol.",
    "Germany": "Ger.", "Borduria": "Bord.", "Calvinia": "Calv.", "Estoria": "Est.",
    "Aurelia": "Aur.", "Gallia Minor": "Gallia", "Jutland Isles": "Jutland",
    "Belmonte": "Belm.", "Hestria": "Hest.", "Arcadia": "Arc.", "Corvina": "Corv.",
    "Dalmora": "Dalm.", "Elbonia": "Elb.",
}


def with_short_name(state: dict) -> dict:
    """The state's JSON with its `short_name` last, as saves write it ("" when the name is short)."""
    return {**state, "short_name": SHORT_NAMES.get(state["name"], "")}


def historical(data: Data, *, slug: str, name: str, description: str, lens: str, year: int,
               on: dt.date, settings: dict, specs: list[StateSpec],
               regime_terms: dict[tuple[str, str], float],
               adjustments: list[tuple[str, str, float, str]],
               corrections: list[Correction] = (), shocks: list[dict] = (),
               sources: list[str] = (), notes: list[str] = (),
               coerced: tuple[str, set[str]] | None = None,
               history: list[HistoryDate] = (), questions: list[dict] = ()) -> Scenario:
    """Assemble a data-based scenario: capabilities of `year`, COW ties active on `on`.

    `coerced` = (enforcer, members): every tie among those states is held by the enforcer.
    `history`: the dates whose actual ties the scenario's `history` lists.
    """
    ids = [s.sid for s in specs]
    ties = apply_corrections(cow_ties(data, ids, on), list(corrections))
    if coerced is not None:
        enforcer, members = coerced
        for tie in ties:
            if {tie.a, tie.b} <= members:
                tie.held_by = enforcer
    tie_rule = (f"Ties: COW Formal Alliances v4.1 memberships active on {on.isoformat()}, one tie "
                "per pair: the firmest shared type gives the kind (Type I -> alliance 0.75, 0.8 "
                "for a treaty organisation; Type III -> entente 0.4; Type II -> alignment 0.3); "
                "since = the later of the two members' entry years.")
    all_notes = [f"Capability = COW NMC v6.0 CINC of {year}, raw, 4 significant digits; "
                 "lon/lat = the capital in that year.", tie_rule,
                 f"Trend = mean yearly change of log CINC from {year - TREND_YEARS} to {year} (COW NMC v6.0): "
                 "who was rising and who declining at the start, within +-0.1 a year."]
    all_notes += tie_notes(data, ties, ids, on)
    all_notes += [f"Correction {c.a}-{c.b} ({c.kind}, since {c.since}): {c.why}"
                  for c in corrections]
    if coerced is not None:
        all_notes.append(
            f"held_by {coerced[0]}: every tie among {', '.join(sorted(coerced[1]))} is held in place by "
            "Soviet force (the Brezhnev doctrine; the invasions of Hungary 1956 and Czechoslovakia 1968): "
            "its members cannot leave while the USSR can still coerce them (docs/model.md).")
    all_notes += list(notes) + state_notes(specs) + affinity_notes(regime_terms, adjustments)
    used_sources = ["nmc72", "nmc21", "gibler"] + [s for s in sources if s not in DATA_SOURCES]
    if "ally_reliability" in settings and "llm" not in used_sources:
        used_sources.append("llm")
    return Scenario(
        slug=slug, name=name, description=description, lens=lens, start_year=year,
        settings=settings, states=build_states(data, year, specs),
        ties=[t.as_json() for t in ties],
        affinity=build_affinity(specs, regime_terms, adjustments), shocks=list(shocks),
        sources=[SRC[k] for k in used_sources], notes=all_notes,
        history=[history_entry(data, ids, date) for date in history],
        questions=list(questions),
    )


S = StateSpec  # short alias for the tables below


def question(ask: str, turn: int) -> dict:
    """A ready question for the app's Predict, then Reveal (the `questions` field)."""
    return {"ask": ask, "turn": turn}


def tutorial() -> Scenario:
    """Fictional, no data: the smallest world in which balancing against a threat shows."""
    rows = [
        # id, name, capability, lon, lat, offense, aggression, satisfaction, regime
        ("AUR", "Aurelia", 0.30, 12.5, 50.0, 0.8, 0.8, -0.7, "autocracy"),
        ("BOR", "Borduria", 0.04, 19.0, 50.5, 0.2, 0.1, 0.5, "democracy"),
        ("CAL", "Calvinia", 0.03, 13.0, 46.0, 0.2, 0.1, 0.5, "monarchy"),
        ("DRA", "Dravia", 0.20, 2.0, 47.0, 0.4, 0.2, 0.6, "democracy"),
        ("ETO", "Estoria", 0.20, 32.0, 53.0, 0.4, 0.2, 0.6, "monarchy"),
        ("FEN", "Fennia", 0.03, -27.0, 38.7, 0.1, 0.05, 0.6, "democracy"),
    ]
    keys = ("id", "name", "capability", "lon", "lat", "offense", "aggression", "satisfaction",
            "regime")
    states = [dict(zip(keys, row)) for row in rows]
    description = (
        "A fictional six-state world on a Europe-sized map; names and numbers are invented, not "
        "data. Aurelia is a rising great power (capability 0.30, offence 0.8, aggression 0.8, "
        "revisionist). Dravia and Estoria are status-quo great powers (0.20 each) to its west and "
        "east; Borduria and Calvinia are small neighbours of Aurelia; Fennia is a small island state "
        "far out in the Atlantic. There are no ties at the start. Under the threat lens (Walt 1987) the small "
        "neighbours seek protection and the other great powers align against Aurelia within a few "
        "turns (claims C1, C5). Things to try: drag Fennia next to Aurelia and see it begin to "
        "balance; lower Aurelia's aggression and watch the coalition loosen; switch to the power "
        "lens (Waltz 1979) and raise Aurelia's capability."
    )
    notes = [
        "Fictional: capabilities are CINC-like shares chosen to make one state clearly the "
        "strongest (0.30 against 0.20, 0.20 and three small states).",
        "Geography: Aurelia in central Europe; Borduria (about 470 km east) and Calvinia (about "
        "450 km south) are its neighbours; Dravia (about 800 km west) and Estoria (about 1,400 km "
        "east) are farther; Fennia, an island in mid-Atlantic, is about 3,300 km away.",
        "proximity_km 300: on this small map threat falls off quickly with distance, so that "
        "dragging Fennia next to Aurelia visibly changes its choices (Walt's proximity).",
        "The two status-quo great powers have different regimes (democracy, monarchy), so that "
        "their alignment comes from the threat, not from a shared identity. No affinity is set: "
        "the engine's same_regime_affinity default applies.",
    ]
    return Scenario(
        slug="tutorial", name="Tutorial: a rising power", description=description, lens="threat",
        start_year=None, settings={"proximity_km": 300}, states=states, ties=[], affinity=[], shocks=[],
        sources=[SRC["walt"], SRC["waltz"]], notes=notes,
        questions=[
            question("Aurelia is rising: which ties will there be at turn 6? Who allies against Aurelia, "
                     "and does anyone join it? (C1)", 6),
            question("Fennia is far out in the Atlantic: at turn 6, is it tied to Aurelia or to "
                     "Aurelia's rivals? Ask again after dragging it next to Aurelia. (C5)", 6),
        ],
    )


def europe_1914(data: Data) -> Scenario:
    specs = [
        S("UKG", "United Kingdom", 0.3, 0.15, 0.7, "democracy",
          "Naval supremacy and a small army: a defensive status-quo power."),
        S("FRN", "France", 0.7, 0.3, 0.1, "democracy",
          "Plan XVII and the offensive a outrance (Van Evera 1984); latent wish to regain "
          "Alsace-Lorraine."),
        S("GMY", "Germany", 0.85, 0.6, -0.3, "monarchy",
          "Schlieffen plan, cult of the offensive (Van Evera 1984); Weltpolitik and the naval race "
          "made its intentions look aggressive."),
        S("AUH", "Austria-Hungary", 0.5, 0.55, -0.2, "monarchy",
          "Conrad's repeated calls for war on Serbia; a declining empire defending its position by "
          "revising the Balkan order: it annexed Bosnia (1908), sought to revise the Treaty of "
          "Bucharest (1913) in Bulgaria's favour and to reduce Serbia (Williamson 1991). "
          "Satisfaction -0.2, a mild revisionist by Schweller's (1994, 1998) criterion, what a "
          "state values: changing the order in its region over keeping it (0.2, status quo, "
          "until December 2026)."),
        S("ITA", "Italy", 0.35, 0.45, -0.3, "constitutional monarchy",
          "War on the Ottoman Empire 1911-12; irredentist claims on Austria-Hungary."),
        S("RUS", "Russia", 0.6, 0.45, -0.1, "autocracy",
          "Plan 19 and the Great Programme of 1913; ambitions in the Balkans and the Straits."),
        S("YUG", "Serbia", 0.4, 0.5, -0.4, "constitutional monarchy",
          "COW codes Serbia as 345/YUG. Victorious in both Balkan wars; Greater Serbia aims."),
        S("BUL", "Bulgaria", 0.4, 0.5, -0.8, "constitutional monarchy",
          "Lost the Second Balkan War (Treaty of Bucharest 1913): the most revisionist state here. "
          "Its 1913 CINC is inflated by wartime mobilisation."),
        S("ROM", "Romania", 0.3, 0.2, 0.2, "constitutional monarchy",
          "Gained Southern Dobruja in 1913; wanted Transylvania from Austria-Hungary."),
        S("GRC", "Greece", 0.3, 0.3, 0.2, "constitutional monarchy",
          "Large gains in 1912-13; the Megali Idea kept further claims alive."),
        S("TUR", "Ottoman Empire", 0.2, 0.3, -0.5, "autocracy",
          "Lost Libya (1912) and most of its Balkan lands (1912-13); CUP one-party rule since "
          "1913."),
        S("BEL", "Belgium", 0.1, 0.05, 0.8, "constitutional monarchy",
          "Permanently neutral under the 1839 Treaty of London."),
    ]
    regime_terms = {("democracy", "democracy"): 0.2, ("monarchy", "monarchy"): 0.2,
                    ("monarchy", "autocracy"): 0.1}
    adjustments = [
        ("GMY", "AUH", 0.5, "Dual Alliance since 1879; German-speaking ruling elites."),
        ("GMY", "ITA", 0.1, "Triple Alliance partners."),
        ("AUH", "ITA", -0.3, "Italian irredentism: Trentino and Trieste."),
        ("FRN", "RUS", 0.4, "Alliance since 1893; French loans financed Russia."),
        ("UKG", "FRN", 0.2, "Entente Cordiale 1904; staff talks."),
        ("UKG", "RUS", 0.1, "1907 settlement of Asian rivalries; residual Great Game distrust."),
        ("FRN", "GMY", -0.7, "Alsace-Lorraine annexed in 1871."),
        ("UKG", "GMY", -0.3, "Naval race since 1898."),
        ("RUS", "GMY", -0.2, "Liman von Sanders crisis 1913."),
        ("RUS", "AUH", -0.6, "Rivals in the Balkans; Bosnian crisis 1908."),
        ("AUH", "YUG", -0.8, "Bosnian annexation 1908, Pig War 1906-08, South Slav irredentism."),
        ("RUS", "YUG", 0.6, "Slav and Orthodox solidarity; Russia was Serbia's patron."),
        ("RUS", "TUR", -0.5, "The Straits; wars of 1877-78."),
        ("BUL", "YUG", -0.7, "Second Balkan War 1913; Macedonia."),
        ("BUL", "GRC", -0.6, "Second Balkan War 1913; Macedonia and Thrace."),
        ("BUL", "ROM", -0.5, "Southern Dobruja taken by Romania in 1913."),
        ("YUG", "GRC", 0.5, "Allied against Bulgaria in 1913."),
        ("TUR", "GRC", -0.6, "First Balkan War; the Aegean islands."),
        ("TUR", "BUL", -0.2, "First Balkan War; Adrianople retaken by the Ottomans in 1913."),
        ("TUR", "YUG", -0.3, "First Balkan War."),
        ("TUR", "ITA", -0.4, "Italo-Turkish War 1911-12."),
        ("TUR", "GMY", 0.3, "German military mission 1913; Baghdad railway."),
        ("ROM", "AUH", -0.3, "The Romanians of Transylvania."),
        ("ROM", "RUS", -0.2, "Bessarabia."),
        ("ROM", "GMY", 0.1, "Hohenzollern dynasty."),
        ("ROM", "FRN", 0.2, "Francophone elite; Latin kinship."),
        ("BUL", "AUH", 0.3, "Vienna backed Bulgaria against Serbia in 1913."),
        ("BUL", "GMY", 0.2, "Tsar Ferdinand of the German house of Saxe-Coburg-Gotha; the "
         "German bank loan of 1914."),
        ("BEL", "FRN", 0.2, "French-speaking elite."),
        ("BEL", "UKG", 0.3, "Britain a guarantor of Belgian neutrality (1839)."),
    ]
    corrections = [Correction(
        "UKG", "RUS", "entente", 1907,
        "Anglo-Russian Convention of 31 August 1907 (the third leg of the Triple Entente); not an "
        "alliance in COW v4.1, added by hand.")]
    notes = [
        "Serbia has the COW id YUG (state 345, 'Yugoslavia' in COW, Serbia until 1918).",
        "The Entente Cordiale of 1904 is not coded by COW (a colonial settlement); the UKG-FRN "
        "entente dates from COW's 1907 Cartagena agreements and the 1912 Grey-Cambon letters.",
        "COW dates the Franco-Russian alliance from 27 December 1893 (military convention), "
        "ratified in January 1894.",
        "Italy holds the Triple Alliance and ties to the other side (1902 accord with France, 1909 "
        "Racconigi with Russia): its uncertain loyalty is in the data.",
        "offense_dominance 0.85: offence was believed dominant in 1914 (Van Evera 1984), which "
        "Christensen & Snyder (1990) link to chain-ganging.",
        "Montenegro is left out: COW NMC v6.0 has no capability for it before 2006.",
        "Balkan wars in the data: the 1913 CINC of Bulgaria and Greece counts their wartime "
        "mobilisation (military personnel), Serbia's does not. CINC 1912 -> 1913: "
        + "; ".join(f"{sid} {data.capability(sid, 1912)} -> {data.capability(sid, 1913)}"
                    for sid in ("BUL", "GRC", "YUG"))
        + ". The raw 1913 values are kept; set Bulgaria's capability to its 1912 value for a "
        "peacetime picture.",
    ]
    description = (
        "The great powers and the Balkan states on the eve of the First World War: the Triple "
        "Alliance (Germany, Austria-Hungary, Italy, with Romania's secret accession) against the "
        "Franco-Russian alliance and Britain's ententes with France and Russia, over a Balkans "
        "just reshaped by the wars of 1912-13. Offence is believed dominant, so allies "
        "chain-gang (Christensen & Snyder 1990). Things to try: watch a crisis between "
        "Austria-Hungary and Serbia drag the blocs in; lower offense_dominance to 0.3 and compare "
        "(buck-passing); raise the commitment of the Anglo-French entente and see the risks of "
        "abandonment and entrapment move (Snyder 1984). "
        + data_citation(1913, "as of 31 December 1913, plus the 1907 Anglo-Russian Convention "
                        "added by hand") + " " + RELIABILITY_TEXT
    )
    return historical(
        data, slug="europe-1914", name="Europe 1914: chain gangs", description=description,
        lens="security_dilemma", year=1913, on=dt.date(1913, 12, 31),
        settings={"offense_dominance": 0.85, "ally_reliability": RELIABILITY},
        specs=specs, regime_terms=regime_terms, adjustments=adjustments, corrections=corrections,
        sources=["llm", "vanevera", "cs90", "snyder84", "schweller", "williamson"], notes=notes,
        history=history_1914(),
        questions=[
            question("Which ties will there be in 1918 (turn 5)? Does Italy stay with Germany and "
                     "Austria-Hungary? (C4, C7)", 5),
        ],
    )


def europe_1936(data: Data) -> Scenario:
    specs = [
        S("UKG", "United Kingdom", 0.3, 0.1, 0.7, "democracy",
          "Status-quo power; limited liability on the Continent."),
        S("FRN", "France", 0.2, 0.1, 0.8, "democracy",
          "Maginot Line and a defensive doctrine; the chief beneficiary of Versailles."),
        S("GMY", "Germany", 0.7, 0.85, -0.9, "fascist",
          "Rearmament, the Rhineland remilitarised in March 1936, open revision of Versailles."),
        S("ITA", "Italy", 0.5, 0.75, -0.6, "fascist",
          "Conquest of Ethiopia 1935-36; ambitions in the Mediterranean and the Balkans."),
        S("RUS", "Soviet Union", 0.6, 0.4, -0.5, "communist",
          "Deep-battle doctrine and the largest tank force; collective security under Litvinov, "
          "but a revolutionary state that had lost land in 1918-21 (Poland's east, the Baltic "
          "states, Bessarabia, Finland) and took it back in 1939-40. Schweller (1993, 1998) codes "
          "it a revisionist pole, the jackal of the 1939 pact: satisfaction -0.5 (-0.2 until "
          "December 2026), less revisionist than Germany (-0.9) or Hungary (-0.8)."),
        S("CZE", "Czechoslovakia", 0.25, 0.05, 0.8, "democracy",
          "Created by the peace settlement; fortified frontier."),
        S("POL", "Poland", 0.3, 0.25, 0.3, "authoritarian",
          "Sanacja regime; balanced between Germany and the USSR; claim on Teschen."),
        S("ROM", "Romania", 0.2, 0.1, 0.7, "constitutional monarchy",
          "Greater Romania gained Transylvania and Bessarabia in 1918-20."),
        S("YUG", "Yugoslavia", 0.2, 0.1, 0.6, "authoritarian",
          "Royal dictatorship since 1929; a Versailles beneficiary."),
        S("HUN", "Hungary", 0.2, 0.4, -0.8, "authoritarian",
          "Trianon (1920) took two thirds of its territory: revisionist."),
        S("GRC", "Greece", 0.15, 0.1, 0.5, "authoritarian",
          "Metaxas dictatorship from 4 August 1936."),
        S("POR", "Portugal", 0.1, 0.05, 0.5, "authoritarian", "Salazar's Estado Novo."),
        S("FIN", "Finland", 0.15, 0.05, 0.6, "democracy", "Parliamentary republic."),
        S("DEN", "Denmark", 0.05, 0.0, 0.8, "democracy", "Disarmed neutral."),
        S("EST", "Estonia", 0.1, 0.05, 0.6, "authoritarian", "Pats regime since 1934."),
        S("LAT", "Latvia", 0.1, 0.05, 0.6, "authoritarian", "Ulmanis regime since 1934."),
        S("LIT", "Lithuania", 0.1, 0.1, -0.3, "authoritarian",
          "Smetona regime; claimed Vilnius from Poland."),
    ]
    regime_terms = {
        ("democracy", "democracy"): 0.3, ("fascist", "fascist"): 0.4,
        ("authoritarian", "authoritarian"): 0.1, ("fascist", "democracy"): -0.3,
        ("fascist", "authoritarian"): 0.1, ("fascist", "communist"): -0.6,
        ("communist", "democracy"): -0.2, ("communist", "authoritarian"): -0.4,
    }
    adjustments = [
        ("GMY", "ITA", 0.2, "Rome-Berlin Axis, October 1936; both aiding Franco."),
        ("GMY", "FRN", -0.4, "Wars of 1870 and 1914-18; Versailles; Rhineland 1936."),
        ("GMY", "UKG", -0.1, "War of 1914-18."),
        ("GMY", "POL", -0.3, "Danzig and the Corridor (tempered by the 1934 declaration)."),
        ("GMY", "CZE", -0.5, "The Sudeten Germans."),
        ("GMY", "LIT", -0.4, "Memel."),
        ("GMY", "DEN", -0.2, "North Schleswig."),
        ("GMY", "HUN", 0.3, "Allies in 1914-18; both revisionist."),
        ("ITA", "HUN", 0.4, "Rome Protocols 1934."),
        ("ITA", "YUG", -0.5, "Dalmatia; Italian support for the Ustase."),
        ("ITA", "GRC", -0.3, "Corfu 1923; the Dodecanese."),
        ("ITA", "UKG", -0.2, "League sanctions over Ethiopia 1935-36."),
        ("ITA", "FRN", -0.2, "League sanctions over Ethiopia 1935-36."),
        ("HUN", "ROM", -0.7, "Transylvania."),
        ("HUN", "CZE", -0.6, "Southern Slovakia."),
        ("HUN", "YUG", -0.5, "Vojvodina; the 1934 Marseille assassins trained in Hungary."),
        ("HUN", "POL", 0.3, "Traditional friendship."),
        ("RUS", "POL", -0.5, "War of 1920."),
        ("RUS", "ROM", -0.5, "Bessarabia."),
        ("RUS", "FIN", -0.4, "Civil war of 1918; Karelia."),
        ("RUS", "EST", -0.3, "War of independence 1918-20."),
        ("RUS", "LAT", -0.3, "War of independence 1918-20."),
        ("RUS", "CZE", 0.3, "Pact of 1935; Slav sympathy."),
        ("RUS", "FRN", 0.2, "Pact of 1935; Popular Front."),
        ("POL", "LIT", -0.7, "Vilnius seized by Poland in 1920."),
        ("POL", "CZE", -0.4, "Teschen 1919."),
        ("POL", "ROM", 0.3, "Alliance since 1921."),
        ("POL", "FRN", 0.3, "Alliance since 1921."),
        ("FRN", "UKG", 0.4, "Allies of 1914-18."),
        ("FRN", "CZE", 0.4, "France's closest ally in the east."),
        ("CZE", "ROM", 0.3, "Little Entente."),
        ("CZE", "YUG", 0.3, "Little Entente (no CZE-YUG treaty is active in COW in 1936)."),
        ("ROM", "YUG", 0.3, "Little Entente; Balkan Pact."),
        ("YUG", "GRC", 0.2, "Balkan Pact 1934."),
        ("ROM", "GRC", 0.1, "Balkan Pact 1934."),
        ("UKG", "POR", 0.6, "Alliance since 1386."),
        ("EST", "LAT", 0.3, "Alliance since 1923; Baltic Entente."),
        ("LAT", "LIT", 0.2, "Baltic Entente 1934."),
        ("EST", "LIT", 0.1, "Baltic Entente 1934."),
        ("EST", "FIN", 0.4, "Finnic kinship."),
        ("FIN", "DEN", 0.2, "Nordic cooperation."),
        ("FIN", "GMY", 0.2, "German troops helped the Whites win the civil war of 1918."),
        ("YUG", "FRN", 0.2, "Allies of 1914-18 (Serbia); treaty of friendship 1927."),
        ("YUG", "UKG", 0.2, "Allies of 1914-18 (Serbia)."),
        ("ROM", "FRN", 0.2, "Allies of 1916-18; francophone elite."),
        ("GRC", "UKG", 0.3, "The British orientation of the Greek crown; British sea power."),
        ("YUG", "RUS", 0.2, "Slav and Orthodox kinship of the Serbs (the regime itself was "
         "anti-communist and had not recognised the USSR)."),
    ]
    notes = [
        "The 17 states are those of Axelrod & Bennett's (1993) landscape analysis of the Second "
        "World War alignments, all present in COW NMC v6.0 for 1936. Their sizes were capability "
        "shares; their propensities combined ethnic, religious, territorial, ideological and "
        "historical factors. The affinities here follow the same idea but are this project's "
        "judgements, listed below (not A&B's values).",
        "offense_dominance 0.25: defence was believed dominant after the trench stalemate of "
        "1914-18 (the Maginot Line), which Christensen & Snyder (1990) link to buck-passing "
        "before 1939.",
        "Locarno (COW #118) ended on 7 March 1936 with the Rhineland remilitarisation, so it is "
        "not active on the reference date; nor is the Rome-Berlin Axis (not a treaty in COW).",
        "Lithuania's capital is Kaunas (Vilnius was held by Poland).",
    ]
    description = (
        "Interwar Europe in 1936, with the 17 states of Axelrod & Bennett's (1993) landscape "
        "analysis of the Second World War alignments. Germany and Italy are revisionist and "
        "aggressive, Hungary revisionist; France's eastern alliances (Poland, Czechoslovakia), "
        "the Little Entente and the 1935 Franco-Soviet and Czechoslovak-Soviet pacts are in "
        "place. Defence is believed dominant, so states pass the buck (Christensen & Snyder 1990). "
        "Things to try: compare the landscape lens's predicted split with the wartime alignments "
        "and with the other lenses; raise offense_dominance and see buck-passing give way; change "
        "one affinity (e.g. Poland-USSR) and watch the predicted split move. "
        + data_citation(1936, "as of 31 December 1936") + " " + RELIABILITY_TEXT
    )
    return historical(
        data, slug="europe-1936", name="Europe 1936: passing the buck", description=description,
        lens="landscape", year=1936, on=dt.date(1936, 12, 31),
        settings={"offense_dominance": 0.25, "ally_reliability": RELIABILITY},
        specs=specs, regime_terms=regime_terms, adjustments=adjustments,
        sources=["llm", "ab93", "cs90", "schweller", "schweller93", "schweller98"], notes=notes,
        history=history_1936(),
        questions=[
            question("Which states will be tied to Germany five turns on? Who bandwagons with the "
                     "rising revisionist, and who piles on with Britain and France? (C6)", 5),
        ],
    )


# Cold War states shared by 1955 and 1989 (the same blocs, so the two years can be compared).
def _cold_war_specs(year: int) -> list[StateSpec]:
    late = year >= 1989
    dem, com, auth = "democracy", "communist", "authoritarian"
    nato_small = "Small NATO member under the US umbrella."
    pact = ("Warsaw Pact member: its regime stood with the Soviet challenge to the Western order "
            "(satisfaction -0.2).")
    return [
        S("USA", "United States", 0.7, 0.3, 0.7, dem,
          "Nuclear superiority and global power projection; status-quo leader of the West."),
        S("RUS", "Soviet Union", 0.7, 0.5 if late else 0.6, -0.2 if late else -0.3, com,
          ("Still superior in tanks and artillery in Europe (offense 0.7); its perceived "
           "aggression is easing with Gorbachev's 'new thinking': INF treaty 1987, withdrawal "
           "from Afghanistan completed in February 1989." if late else
           "Large conventional forces in Europe; the Berlin blockade (1948) and Korea shaped the "
           "West's perception of its intentions.")),
        S("UKG", "United Kingdom", 0.4 if late else 0.5, 0.15 if late else 0.2, 0.6, dem,
          "Nuclear power; status quo."),
        S("FRN", "France", 0.4, 0.15 if late else 0.2, 0.6 if late else 0.5, dem,
          "Nuclear power from 1960." if late else "Colonial wars in Indochina and Algeria."),
        S("ITA", "Italy", 0.2, 0.05 if late else 0.1, 0.6 if late else 0.5, dem, nato_small),
        S("GFR", "West Germany", 0.3 if late else 0.2, 0.05 if late else 0.1,
          0.3 if late else 0.2, dem,
          ("Divided nation; Ostpolitik." if late else
           "Bundeswehr founded in November 1955; divided nation, claims to the eastern lands.")),
        S("CAN", "Canada", 0.2, 0.05, 0.8, dem, nato_small),
        S("BEL", "Belgium", 0.1, 0.05, 0.7, dem, nato_small),
        S("NTH", "Netherlands", 0.1, 0.05, 0.7, dem, nato_small),
        S("LUX", "Luxembourg", 0.05, 0.0, 0.7, dem, nato_small),
        S("NOR", "Norway", 0.1, 0.05, 0.7, dem, nato_small),
        S("DEN", "Denmark", 0.1, 0.05, 0.7, dem, nato_small),
        S("ICE", "Iceland", 0.0, 0.0, 0.7, dem, "No armed forces."),
        S("POR", "Portugal", 0.1, 0.05, 0.7 if late else 0.6, dem if late else auth,
          "Democracy since 1974-76." if late else "Salazar's Estado Novo."),
        S("SPN", "Spain", 0.2 if late else 0.1, 0.05 if late else 0.1, 0.6 if late else 0.4,
          dem if late else auth,
          "Democracy since 1977; NATO 1982." if late else "Franco; US bases under the 1953 Pact "
          "of Madrid (not an alliance in COW)."),
        S("GRC", "Greece", 0.2, 0.2, 0.4 if late else 0.3, dem, "Cyprus dispute with Turkey."),
        S("TUR", "Turkey", 0.3, 0.2, 0.5, dem, "Cyprus dispute with Greece; borders the USSR."),
        S("POL", "Poland", 0.3, 0.1 if late else 0.2, -0.2, com, pact),
        S("GDR", "East Germany", 0.3 if late else 0.2, 0.15 if late else 0.2, -0.2, com, pact),
        S("CZE", "Czechoslovakia", 0.3, 0.1 if late else 0.15, -0.2, com, pact),
        S("HUN", "Hungary", 0.2, 0.05 if late else 0.1, -0.1 if late else -0.2, com,
          pact + (" COW ends its Pact membership at its 1956 withdrawal; its bilateral treaties "
                  "with the bloc stay." if late else "")),
        S("ROM", "Romania", 0.2, 0.1, -0.2, com, pact + (" Ceausescu's independent line."
                                                          if late else "")),
        S("BUL", "Bulgaria", 0.2, 0.1 if late else 0.2, -0.2, com, pact),
        S("ALB", "Albania", 0.1, 0.1 if late else 0.2, -0.3, com,
          "Left the Pact in 1968; isolated." if late else pact),
        S("YUG", "Yugoslavia", 0.2 if late else 0.3, 0.1, 0.3 if late else 0.2, com,
          "Non-aligned since the 1948 Tito-Stalin split."),
        S("FIN", "Finland", 0.1, 0.0, 0.6 if late else 0.5, dem,
          "Neutral; 1948 treaty with the USSR (the Paasikivi line)."),
        S("SWD", "Sweden", 0.2, 0.0, 0.8, dem, "Armed neutrality."),
        S("CHN", "China", 0.3, 0.3 if late else 0.6, -0.2 if late else -0.6, com,
          ("Reform era; claim to Taiwan." if late else
           "Korean War; Taiwan Strait crisis 1954-55; claim to Taiwan.")),
        S("JPN", "Japan", 0.1 if late else 0.05, 0.05, 0.7 if late else 0.5, dem,
          "Article 9 constitution; US security treaty."),
        S("ROK", "South Korea", 0.3 if late else 0.2, 0.1 if late else 0.3,
          0.3 if late else 0.1, dem if late else auth,
          "Democratic since 1987." if late else
          "Rhee's calls to 'march north'. " + ROLLBACK),
        S("PRK", "North Korea", 0.4 if late else 0.3, 0.6, -0.7, com,
          "Invaded the South in 1950; seeks unification on its terms."),
        S("TAW", "Taiwan", 0.2, 0.1 if late else 0.3, 0.3 if late else 0.1, auth,
          ("Martial law lifted in 1987; full elections only from 1991-92." if late else
           "KMT under martial law; aims to retake the mainland. " + ROLLBACK)),
    ]


#: Why South Korea and Taiwan are status-quo states in 1955 (satisfaction +0.1, -0.3 and -0.4 until
#: December 2026): satisfaction is the order a state wants (Schweller 1994: 99-104, the balance of
#: interests at the system level), and theirs was the US-led one. What they wanted revised were the
#: communist gains of 1945-50, the North and the mainland: claims on the communist wolves, written
#: in the affinity (Rhee and the North -0.4, Chiang and Beijing -0.4) and the aggression (0.3), and a
#: rollback the United States shared in aim but restrained in means by allying with them (Cha
#: 2009/10, the "powerplay"). West Germany, with claims to the eastern lands, is +0.2 for
#: the same reason; Rhee and Chiang sit lower, at +0.1, for their readiness to fight for theirs.
ROLLBACK = ("Satisfaction +0.1 (-0.3 for South Korea, -0.4 for Taiwan until December 2026): the order "
            "it wanted was the US-led one (Schweller 1994: 99-104, the interest that decides is which "
            "order a state wants); what it wanted revised were the communist gains, a claim on the "
            "communist states (in the affinity and the aggression) that the US shared in aim and "
            "restrained in means by allying with it (Cha 2009/10). West Germany, with claims "
            "to the eastern lands, is +0.2 for the same reason.")


def _cold_war_affinity(year: int) -> tuple[dict, list]:
    late = year >= 1989
    if late:
        terms = {("democracy", "democracy"): 0.3, ("communist", "communist"): 0.3,
                 ("democracy", "communist"): -0.3, ("authoritarian", "communist"): -0.4}
    else:
        terms = {("democracy", "democracy"): 0.3, ("communist", "communist"): 0.4,
                 ("democracy", "communist"): -0.4, ("authoritarian", "communist"): -0.5,
                 ("authoritarian", "authoritarian"): 0.1}
    common = [
        ("USA", "UKG", 0.3, "The special relationship."),
        ("USA", "CAN", 0.3, "Continental partners."),
        ("UKG", "CAN", 0.2, "Commonwealth."),
        ("BEL", "NTH", 0.2, "Benelux."),
        ("BEL", "LUX", 0.2, "Benelux."),
        ("NTH", "LUX", 0.2, "Benelux."),
        ("NOR", "DEN", 0.2, "Nordic cooperation."),
        ("NOR", "SWD", 0.2, "Nordic cooperation."),
        ("DEN", "SWD", 0.2, "Nordic cooperation."),
        ("FIN", "SWD", 0.2, "Nordic cooperation."),
        ("UKG", "POR", 0.3, "Alliance since 1386."),
        ("RUS", "FIN", 0.3, "The 1948 treaty and the Paasikivi line."),
        ("CHN", "PRK", 0.3, "Comrades in the Korean War."),
        ("ROK", "PRK", -0.4, "Korean War 1950-53."),
        ("USA", "ROK", 0.3, "Korean War allies."),
        ("USA", "TAW", 0.2, "US support of the Republic of China."),
        ("ALB", "YUG", -0.4, "Kosovo; Hoxha against Tito."),
    ]
    if late:
        specific = [
            ("FRN", "GFR", 0.3, "Elysee Treaty 1963: Franco-German reconciliation."),
            ("GRC", "TUR", -0.5, "Cyprus 1974."),
            ("GFR", "GDR", 0.3, "One nation; Ostpolitik."),
            ("POL", "GFR", -0.2, "The Oder-Neisse border, recognised only in 1990."),
            ("HUN", "ROM", -0.3, "The Hungarians of Transylvania under Ceausescu."),
            ("ROM", "RUS", -0.2, "Ceausescu's independent foreign policy."),
            ("RUS", "CHN", -0.3, "Sino-Soviet split (easing: Gorbachev in Beijing, May 1989)."),
            ("USA", "CHN", 0.3, "Rapprochement since 1972: the strategic triangle."),
            ("RUS", "PRK", 0.1, "1961 treaty."),
            ("JPN", "ROK", -0.2, "Colonial rule 1910-45."),
            ("JPN", "CHN", -0.1, "War of 1937-45 (relations normalised 1972)."),
            ("CHN", "TAW", -0.3, "Civil war; claim to Taiwan."),
            ("RUS", "YUG", -0.3, "Non-aligned since 1948."),
            ("ALB", "RUS", -0.4, "Albania broke with Moscow in 1961."),
            ("ALB", "CHN", -0.3, "Albania broke with Beijing in 1978."),
            ("POR", "SPN", 0.2, "Iberian neighbours."),
        ]
    else:
        specific = [
            ("UKG", "FRN", 0.1, "Allies in 1939-45; Dunkirk treaty 1947."),
            ("FRN", "GFR", -0.2, "Wars of 1870-1945; France rejected the EDC in 1954."),
            ("GRC", "TUR", -0.3, "Cyprus; the Istanbul pogrom of September 1955."),
            ("GFR", "GDR", 0.2, "One nation."),
            ("POL", "GFR", -0.3, "The Oder-Neisse line."),
            ("CZE", "GFR", -0.3, "The expelled Sudeten Germans."),
            ("RUS", "GFR", -0.3, "War of 1941-45."),
            ("RUS", "CHN", 0.2, "Treaty of 1950, before the Sino-Soviet split."),
            ("CHN", "USA", -0.3, "Korean War; Taiwan Strait crisis 1954-55."),
            ("CHN", "TAW", -0.4, "Civil war."),
            ("JPN", "ROK", -0.3, "Colonial rule 1910-45; no relations until 1965."),
            ("JPN", "CHN", -0.3, "War of 1937-45."),
            ("RUS", "YUG", -0.5, "Tito-Stalin split 1948 (partial thaw: Belgrade declaration, "
             "June 1955)."),
            ("USA", "YUG", 0.3, "US aid to Tito since 1949."),
            ("GRC", "YUG", 0.5, "Balkan Pact 1953-54."),
            ("TUR", "YUG", 0.5, "Balkan Pact 1953-54."),
            ("USA", "SPN", 0.2, "Pact of Madrid 1953 (bases)."),
            ("POR", "SPN", 0.3, "Iberian Pact 1939."),
        ]
    return terms, common + specific


def cold_war_1955(data: Data) -> Scenario:
    specs = _cold_war_specs(1955)
    terms, adjustments = _cold_war_affinity(1955)
    notes = [
        "offense_dominance 0.5: nuclear weapons make the balance of offence and defence "
        "contested (massive retaliation against deterrence; Jervis 1989).",
        "COW dates West Germany's NATO and Brussels Treaty memberships from the Paris agreements "
        "of 23 October 1954 (NATO 1954, WEU 1955 in COW); it joined NATO on 9 May 1955.",
        "North Korea has no treaty ally yet: its treaties with China and the USSR date from 1961.",
        "US-Spain (Pact of Madrid, 1953) is an executive agreement on bases, not a COW alliance.",
    ]
    description = (
        "A bipolar world in 1955: NATO (with West Germany and Greece and Turkey) against the "
        "newly signed Warsaw Pact, the Sino-Soviet alliance, and the US treaties with Japan, "
        "South Korea and Taiwan; Yugoslavia, Finland and Sweden stand outside the blocs. Bipolar "
        "systems should realign less than multipolar ones (Waltz 1979; claim C4: the polarity "
        "twins show it on a clean case). Things to try: raise the Soviet Union's aggression and "
        "see the small NATO members tighten their commitments; switch to the power lens, where "
        "only capability counts and the strongest state, the United States, becomes the one to "
        "balance (Waltz), and compare with the threat lens (Walt). "
        + data_citation(1955, "as of 31 December 1955") + " " + RELIABILITY_TEXT
        + " (a 1816-1944 figure, kept for lack of a post-1945 equivalent)."
    )
    return historical(
        data, slug="cold-war-1955", name="Cold War 1955: two blocs", description=description,
        lens="threat", year=1955, on=dt.date(1955, 12, 31),
        settings={"offense_dominance": 0.5, "ally_reliability": RELIABILITY},
        specs=specs, regime_terms=terms, adjustments=adjustments, corrections=[US_ROK],
        coerced=("RUS", SOVIET_BLOC),
        sources=["llm", "waltz", "jervis", "schweller", "cha"], notes=notes, history=history_1955(),
        questions=[
            question("Two superpowers, two blocs: which ties will there be ten turns on (1965)? "
                     "Does anyone change sides? (C4)", 10),
        ],
    )


US_ROK = Correction(
    "USA", "ROK", "alliance", 1953,
    "The 1953 US-ROK Mutual Defense Treaty (Art. III, like the ANZUS and US-Japan treaties that "
    "COW codes Type I) is a defence pact; COW v4.1 (#236) codes it as an entente (Type III). "
    "Corrected to alliance 0.75.")


#: Left out of 1989: the East Asia scenario covers them, and this one is about NATO and the
#: Pact. With them in, China's CINC (population-heavy) makes it the power that NATO balances
#: under the power lens once the Soviet Union has fallen, which hides the realist prediction.
ASIA_1989 = {"CHN", "JPN", "ROK", "PRK", "TAW"}
#: The Soviet bloc in Europe whose ties Moscow held by force (Warsaw Pact and bilateral treaties).
SOVIET_BLOC = {"RUS", "POL", "GDR", "CZE", "HUN", "ROM", "BUL", "ALB"}


def end_of_cold_war_1989(data: Data) -> Scenario:
    specs = [s for s in _cold_war_specs(1989) if s.sid not in ASIA_1989]
    terms, adjustments = _cold_war_affinity(1989)
    adjustments = [a for a in adjustments if not ASIA_1989 & {a[0], a[1]}]
    collapse = data.capability("RUS", 1992)
    # the revolutions of 1989-91, then the Soviet collapse: turn = year - 1989
    shocks = [{"turn": 1, "state": sid, "set": {"regime": "democracy", "satisfaction": 0.6, "aggression": 0.05}}
              for sid in ("POL", "GDR", "CZE", "HUN")]
    shocks += [{"turn": 1, "state": "GDR", "set": {"joins": "GFR"}},
               {"turn": 1, "state": "GFR", "set": {"name": "Germany"}}]
    shocks += [{"turn": 2, "state": sid, "set": {"regime": "democracy", "satisfaction": 0.5, "aggression": 0.05}}
               for sid in ("ROM", "BUL")]
    shocks += [{"turn": 3, "state": "RUS",
                "set": {"capability": collapse, "aggression": 0.2, "offense": 0.3, "satisfaction": 0.2,
                        "regime": "transitional", "name": "Russia"}},
               {"turn": 3, "state": "ALB", "set": {"regime": "democracy", "satisfaction": 0.4}},
               {"turn": 4, "state": "CZE", "set": {"name": "Czech Republic", "short_name": "Czechia"}}]
    notes = [
        "Reference date 1 January 1989: COW ends the Pact memberships during 1989 (Poland on 7 "
        "August, East Germany 7 November, Bulgaria 10 November, Czechoslovakia 10 December, "
        "Romania 12 December), so the blocs are taken before the revolutions.",
        "Shocks, turn 1 (1990): the revolutions of 1989 in Poland, East Germany, Czechoslovakia and "
        "Hungary: regime democracy (free elections of 1989-90), satisfaction 0.6, aggression 0.05.",
        "Shocks, turn 2 (1991): Romania and Bulgaria, whose ex-communists won the first elections of "
        "1990, adopt democratic constitutions in 1991: regime democracy, satisfaction 0.5.",
        f"Shock, turn 3 (1992): the Soviet Union has collapsed (December 1991). RUS capability -> "
        f"{collapse} (COW NMC v6.0 CINC of Russia in 1992, about half its 1989 value); aggression 0.2, "
        "offense 0.3, satisfaction 0.2 (Yeltsin and Kozyrev's Western course), regime transitional. "
        "Albania: regime democracy after the elections of 1992. The Soviet Union is named Russia "
        "from then on (its successor in COW, code 365), and Czechoslovakia the Czech Republic from "
        "turn 4 (1 January 1993; Slovakia, not on the map, is left out).",
        "A new regime moves the state's affinity with each other state by how the states of its new "
        "regime stand with that state, less how those of its old regime do (docs/model.md). No shock removes a "
        "tie: the Pact must dissolve by the lenses' own logic once Moscow can no longer hold it.",
        "Shock, turn 1 (1990): German unification (3 October 1990, the GDR's accession under "
        "Article 23 of the Basic Law): East Germany joins West Germany, which takes its capability; "
        "its ties end and it leaves the map. Unified Germany keeps the Federal Republic's id "
        "and memberships, and is named Germany from then on (COW: Germany, 255, continues the "
        "Federal Republic, 260; the history maps 255 to GFR).",
        "Not modelled: the break-up of the USSR and Yugoslavia (Russia and Yugoslavia continue "
        "their predecessors).",
        "Cross-bloc ententes in COW: France-USSR (1970 consultation protocol) and Canada-USSR "
        "(1971) are kept as coded.",
        "offense_dominance 0.5: nuclear parity.",
        "East Asia (China, Japan, the two Koreas, Taiwan) is left out: the east-asia scenario "
        "covers it, and with China in, its population-heavy CINC would make it the power NATO "
        "balances under the power lens once the Soviet Union has fallen.",
    ]
    description = (
        "The blocs of 1989 (NATO with Spain; the Warsaw Pact and the Soviet bloc's bilateral "
        "treaties, held by Soviet force) just before the revolutions in Eastern Europe. Turn 1 "
        "(1990) and turn 2 (1991) script the revolutions (new democracies, status-quo aims); at "
        "turn 3 (1992) the Soviet Union has collapsed (its capability falls to Russia's 1992 CINC, "
        "its aggression and offence fall) and can no longer hold the Pact. Why did NATO last when its "
        "threat was gone? Realists expected it to dissolve (Mearsheimer 1990; claim C9), "
        "institutionalists point to its institutional assets (Wallander 2000; C10), "
        "constructivists to a shared democratic identity (Risse-Kappen 1996; C11). Things to "
        "try: run past turn 3 under the threat, institutions and identity lenses side by side "
        "and compare what happens to NATO, to the Pact and to the new democracies. "
        + data_citation(1989, "as of 1 January 1989; shock capability: CINC 1992") + " "
        + RELIABILITY_TEXT + " (a 1816-1944 figure)."
    )
    return historical(
        data, slug="end-of-cold-war-1989", name="1989: the end of the Cold War",
        description=description, lens="threat", year=1989, on=dt.date(1989, 1, 1),
        settings={"offense_dominance": 0.5, "ally_reliability": RELIABILITY},
        specs=specs, regime_terms=terms, adjustments=adjustments, corrections=[],
        shocks=shocks, sources=["llm", "mearsheimer", "wallander", "risse"], notes=notes,
        coerced=("RUS", SOVIET_BLOC),
        history=history_1989(),
        questions=[
            question("The Soviet Union collapses at turn 8: which transatlantic ties will be left at "
                     "turn 14 (2003)? Predict under a realist lens, then under institutions. (C9, C10)", 14),
        ],
    )


def east_asia(data: Data) -> Scenario:
    year = max(y for (_sid, y) in data.cinc)
    dem, com, auth = "democracy", "communist", "authoritarian"
    specs = [
        S("USA", "United States", 0.7, 0.3, 0.7, dem,
          "Global power projection; hub of the 'hub and spokes' alliances (Cha 2009/10)."),
        S("CHN", "China", 0.5, 0.5, -0.3, com,
          "Rising: the largest CINC in 2016; island-building in the South China Sea and rejection "
          "of the July 2016 arbitral award; claim to Taiwan. Its revisionism is debated."),
        S("JPN", "Japan", 0.2, 0.1, 0.6, dem, "Article 9; an exclusively defensive posture."),
        S("ROK", "South Korea", 0.3, 0.1, 0.5, dem, "Deterring the North."),
        S("PRK", "North Korea", 0.4, 0.8, -0.8, com,
          "Two nuclear tests and many missile launches in 2016."),
        S("RUS", "Russia", 0.5, 0.5, -0.5, auth, "Annexed Crimea in 2014."),
        S("TAW", "Taiwan", 0.1, 0.05, 0.5, dem, "Defends the status quo across the Strait."),
        S("PHI", "Philippines", 0.1, 0.1, 0.4, dem,
          "Won the 2016 South China Sea arbitration; Duterte's turn toward China."),
        S("AUL", "Australia", 0.3, 0.1, 0.7, dem, "ANZUS ally; status quo."),
        S("THI", "Thailand", 0.15, 0.1, 0.5, auth, "Military government since the 2014 coup."),
        S("DRV", "Vietnam", 0.2, 0.15, 0.2, com,
          "COW id DRV. South China Sea claims against China; war with China in 1979."),
        S("IND", "India", 0.35, 0.2, 0.3, dem, "Border dispute with China."),
        S("SIN", "Singapore", 0.15, 0.0, 0.8, "hybrid", "Status-quo trading state."),
        S("INS", "Indonesia", 0.15, 0.05, 0.6, dem, "Natuna waters overlap China's claim."),
    ]
    terms = {("democracy", "democracy"): 0.2, ("communist", "communist"): 0.2,
             ("democracy", "communist"): -0.2, ("authoritarian", "communist"): 0.1,
             ("democracy", "authoritarian"): -0.1}
    adjustments = [
        ("USA", "JPN", 0.4, "Alliance since 1951; shared democratic values."),
        ("USA", "AUL", 0.5, "ANZUS; Five Eyes; fought beside the US in every major war since "
         "1917."),
        ("USA", "ROK", 0.3, "Korean War allies."),
        ("USA", "PHI", -0.1, "Colonial past; Duterte's 2016 'separation' from the US."),
        ("USA", "THI", 0.2, "Treaty ally since 1954; strained by the 2014 coup."),
        ("USA", "TAW", 0.3, "Taiwan Relations Act 1979."),
        ("USA", "SIN", 0.2, "1990 memorandum on US access to Singapore's bases."),
        ("USA", "RUS", -0.4, "Ukraine and Crimea, 2014."),
        ("USA", "PRK", -0.3, "Korean War; nuclear programme."),
        ("JPN", "CHN", -0.5, "War of 1937-45; the Senkaku/Diaoyu islands."),
        ("JPN", "ROK", -0.2, "Colonial rule 1910-45; the 2015 comfort-women agreement contested."),
        ("JPN", "PRK", -0.6, "Abductions; missiles over Japan."),
        ("JPN", "RUS", -0.2, "The Kuril islands."),
        ("JPN", "AUL", 0.2, "Special strategic partnership."),
        ("ROK", "PRK", -0.3, "Korean War; the 2016 closure of Kaesong."),
        ("CHN", "TAW", -0.4, "Civil war; Beijing's claim; Tsai's election in 2016."),
        ("CHN", "IND", -0.4, "War of 1962; the border."),
        ("CHN", "DRV", -0.5, "War of 1979; the Paracels and Spratlys."),
        ("CHN", "PHI", -0.3, "Scarborough Shoal 2012; the 2016 arbitration."),
        ("CHN", "INS", -0.1, "Natuna fishing incidents 2016."),
        ("CHN", "RUS", 0.3, "Strategic partnership; the 2001 friendship treaty."),
        ("CHN", "PRK", 0.2, "Treaty ally since 1961, strained by the nuclear tests."),
        ("CHN", "THI", 0.2, "Closer ties after the 2014 coup."),
        ("RUS", "IND", 0.4, "Arms supplier; friendship since the 1971 treaty."),
        ("RUS", "DRV", 0.2, "Arms supplier; Cold War ties."),
        ("RUS", "PRK", 0.1, "Treaty of 2000."),
        ("AUL", "SIN", 0.2, "Five Power Defence Arrangements 1971."),
        ("PHI", "THI", 0.1, "ASEAN."), ("PHI", "DRV", 0.1, "ASEAN."),
        ("PHI", "SIN", 0.1, "ASEAN."), ("PHI", "INS", 0.1, "ASEAN."),
        ("THI", "DRV", 0.1, "ASEAN."), ("THI", "SIN", 0.1, "ASEAN."),
        ("THI", "INS", 0.1, "ASEAN."), ("DRV", "SIN", 0.1, "ASEAN."),
        ("DRV", "INS", 0.1, "ASEAN."), ("SIN", "INS", 0.1, "ASEAN."),
    ]
    corrections = [
        US_ROK,
        Correction("USA", "THI", "entente", 1954,
                   "The Manila Pact of 1954 (COW #238, Type III) is still in force between the "
                   "US and Thailand (Thanat-Rusk communique 1962; major non-NATO ally 2003); COW "
                   "ends the membership with SEATO in 1977. Added as an entente, as COW codes "
                   "the Manila Pact."),
    ]
    notes = [
        f"Capabilities are for {year}, the last year of COW NMC v6.0. COW Formal Alliances v4.1 "
        "ends in 2012: memberships still open then are taken as active in 2016.",
        "No US-Taiwan tie: the 1954 treaty ended in 1980 and the Taiwan Relations Act is not an "
        "alliance; the relationship is in the affinity (+0.3).",
        "Ties kept as coded by COW: the Inter-Korean Basic Agreement (1991, non-aggression), the "
        "Russia-North Korea treaty (2000, entente) and the Shanghai Five agreement (1996, "
        "China-Russia non-aggression).",
        "offense_dominance 0.4: nuclear deterrence favours the defence (Jervis 1989), tempered "
        "by missile and naval competition.",
        "Vietnam has the COW id DRV.",
    ]
    description = (
        f"East Asia in {year}: a rising China (the largest CINC in the data) and a United States "
        "bound by the Cold War 'hub and spokes' treaties with Japan, South Korea, the "
        "Philippines, Australia and Thailand; China's only treaty ally is North Korea. Why do "
        "the US Cold War alliances in Asia endure after the Cold War (claim C12)? The "
        "autonomy-security lens shows what each spoke trades (Morrow 1991); compare it with "
        "the threat lens (is China's rise enough?) and the institutions and identity lenses. "
        "Things to try: lower China's aggression to 0.2 and see which ties weaken under each "
        "lens; move Taiwan's alignment by changing its affinity with the US. "
        + data_citation(year, f"as of 31 December {year}, with corrections listed in the notes")
        + " " + RELIABILITY_TEXT + " (a 1816-1944 figure)."
    )
    return historical(
        data, slug="east-asia", name=f"East Asia {year}: hub and spokes", description=description,
        lens="autonomy_security", year=year, on=dt.date(year, 12, 31),
        settings={"offense_dominance": 0.4, "ally_reliability": RELIABILITY},
        specs=specs, regime_terms=terms, adjustments=adjustments, corrections=corrections,
        sources=["llm", "cha", "morrow", "walt", "jervis"], notes=notes, history=history_east_asia(),
        questions=[
            question("Which of the United States' five alliances in Asia will still stand fifteen turns "
                     "on? Predict under each lens you think matters. (C12)", 15),
        ],
    )


POLES = ["Arcadia", "Belmonte", "Corvina", "Dalmora", "Elbonia"]
MINORS = ["Faro", "Gallia Minor", "Hestria", "Ilyria", "Jutland Isles", "Karst"]


def polarity(poles: int) -> Scenario:
    """Fictional, no data: the same map with two or five great powers (claim C4)."""
    import math

    great = 90.0 / poles
    caps = [great] * poles + [5.0] * (8 - poles)
    names = (POLES[:poles] + MINORS)[:8]
    # places on the arc: the great powers spread out, the small states in between
    slots = [0, 7] if poles == 2 else [0, 2, 4, 6, 7]
    places = slots + [k for k in range(8) if k not in slots]
    states = []
    for name, cap, k in zip(names, caps, places):
        states.append({
            "id": name[:3].upper(), "name": name, "capability": cap,
            "lon": round(-10 + 50 * k / 7, 2), "lat": round(48 + 4 * math.sin(k), 2),
            "offense": 0.6, "aggression": 0.5, "satisfaction": 0.0, "regime": "fictional",
        })
    kind = "multipolar" if poles > 2 else "bipolar"
    description = (
        f"A fictional {kind} world: {poles} great powers of equal capability and "
        f"{8 - poles} small states on one Europe-sized map; every state has the same offence "
        "(0.6), aggression (0.5) and satisfaction (0). The only difference from its twin "
        f"('{'bipolar' if poles > 2 else 'multipolar'}') is how capability is spread. Waltz "
        "(1979) and Christensen & Snyder (1990): bipolarity is stable, multipolarity unstable "
        "(claim C4). Things to try: run both for 40 turns under the power lens and compare "
        "the realignments in the Charts and the Log."
    )
    return Scenario(
        slug=f"polarity-{kind}", name=f"Polarity: a {kind} world", description=description,
        lens="power", start_year=None, settings={}, states=states, ties=[], affinity=[],
        shocks=[], sources=[SRC["waltz"]],
        notes=["Fictional: capabilities 90 shared by the great powers, 5 for each small state; "
               "positions on a gentle arc from the Atlantic to the Black Sea."],
    )


# --------------------------------------------------------------------------- what happened
def history_1914() -> list[HistoryDate]:
    entente_1915 = ["UKG", "FRN", "RUS", "ITA", "YUG", "BEL"]
    central_1915 = ["GMY", "AUH", "TUR", "BUL"]
    war = ("Wartime coalition: at war on the same side (a real alignment, kind coalition where "
           "no treaty is coded).")
    return [
        HistoryDate(
            1915, dt.date(1915, 12, 31),
            "End of 1915: the First World War. Italy left the Triple Alliance and joined the "
            "Entente by the Treaty of London (26 April 1915; war on Austria-Hungary from 23 May), "
            "which COW codes as an alliance of Britain, France, Italy and Russia (#98); Bulgaria joined "
            "the Central Powers on 6 September 1915; the Ottoman Empire had been Germany's ally "
            "since 2 August 1914. Serbia and Belgium fought with the Entente from August 1914. "
            "Romania and Greece were neutral: COW still codes Romania's 1883 treaty with Germany "
            "and Austria-Hungary (#68, which Romania declined to honour in August 1914) and the "
            "1913 Serbo-Greek alliance (#92, which Greece declined to honour in 1915); both kept "
            "as coded.",
            tuple(coalition(entente_1915, war + " The Entente and its co-belligerents.")
                  + coalition(central_1915, war + " The Central Powers.")),
            sources=("gilbert",),
        ),
        HistoryDate(
            1918, dt.date(1918, 7, 1),
            "Mid-1918: Russia had left the war (Treaty of Brest-Litovsk, 3 March 1918), so its "
            "ties are gone; Romania had signed a separate peace (Treaty of Bucharest, 7 May 1918, "
            "never ratified; it re-entered the war on 10 November), and COW still codes its 1916 "
            "alliance with the Entente (#101): kept as coded. Greece had joined the Entente on 29 "
            "June 1917.",
            tuple(coalition(["UKG", "FRN", "ITA", "YUG", "BEL", "GRC"], war + " The Entente.")
                  + coalition(central_1915, war + " The Central Powers.")),
            sources=("gilbert",),
        ),
    ]


def history_1936() -> list[HistoryDate]:
    return [
        HistoryDate(
            1939, dt.date(1939, 12, 31),
            "End of 1939: Germany and Italy allied by the Pact of Steel (22 May 1939); the "
            "Nazi-Soviet non-aggression pact (23 August 1939); Britain and France at war with "
            "Germany since 3 September; the Soviet mutual assistance pacts with Estonia, Latvia "
            "and Lithuania (September-October 1939). Czechoslovakia was dismembered (March 1939) "
            "and Poland conquered and partitioned (September-October 1939): COW ends their "
            "memberships, so they hold no tie (the Polish government in exile is not a COW "
            "member). Italy stayed non-belligerent. No judgement needed: COW's ties stand.",
            sources=("weinberg",),
        ),
        HistoryDate(
            1941, dt.date(1941, 12, 31),
            "End of 1941: Germany at war with the Soviet Union since 22 June 1941, with Italy, "
            "Hungary and Romania (all in the Tripartite Pact, Hungary and Romania since November "
            "1940) and Finland (the Continuation War) fighting beside it; Britain and the Soviet "
            "Union allied by the agreement of 12 July 1941 (the core of the Grand Alliance; the "
            "United States is not in this scenario). Yugoslavia and Greece were occupied in April "
            "1941, the Baltic states annexed by the USSR in 1940, Denmark occupied and France "
            "under the armistice since 1940: no ties. Portugal's alliance with Britain (1386) "
            "stands.",
            tuple(coalition(["GMY", "ITA", "HUN", "ROM"],
                            "The Axis at war with the Soviet Union: the Tripartite Pact (27 "
                            "September 1940; Hungary 20 and Romania 23 November 1940), which COW "
                            "codes for Germany, Italy and Japan only, and the war from 22 June "
                            "1941. Hungary and Romania were rivals over Transylvania but fought on "
                            "the same side.")
                  + [Judgement("GMY", "FIN", "coalition",
                               "Finland fought the Continuation War beside Germany from 25 June "
                               "1941 as a co-belligerent, not an ally (it signed no alliance).")]),
            sources=("weinberg",),
        ),
    ]


def history_1955() -> list[HistoryDate]:
    return [
        HistoryDate(
            1970, dt.date(1970, 12, 31),
            "End of 1970: NATO (France left the integrated command in 1966 but stayed an ally), "
            "the Warsaw Pact (Albania left in 1968) and the Soviet bloc's bilateral treaties; the "
            "Soviet and Chinese treaties with North Korea (1961); the US treaties with Japan "
            "(1960), South Korea and Taiwan. The 1950 Sino-Soviet treaty was still formally in "
            "force (until 1980) though the split was open (border clashes of 1969): kept as "
            "coded.",
            (Judgement(US_ROK.a, US_ROK.b, US_ROK.kind, US_ROK.why),),
        ),
    ]


#: COW gives unified Germany (255, GMY) and the Czech Republic (316, CZR) new codes; here they
#: continue the scenario's West Germany and Czechoslovakia.
SUCCESSORS_1989 = (("GMY", "GFR"), ("CZR", "CZE"))
NATO_2004 = ["USA", "UKG", "FRN", "ITA", "GFR", "CAN", "BEL", "NTH", "LUX", "NOR", "DEN", "ICE",
             "POR", "SPN", "GRC", "TUR", "POL", "CZE", "HUN"]


def history_1989() -> list[HistoryDate]:
    joined = "Bulgaria and Romania joined NATO on 29 March 2004; COW v4.1 does not list the 2004 " \
             "accessions to NATO (#227), so the ties are added by hand."
    return [
        HistoryDate(
            1991, dt.date(1991, 12, 31),
            "End of 1991: the Warsaw Pact was dissolved (1 July 1991) and the Soviet Union on 26 "
            "December (Russia continues its COW code 365). Germany was unified on 3 October 1990: "
            "unified Germany continues West Germany's memberships, and the GDR, gone, holds no "
            "tie. NATO is unchanged.",
            rename=SUCCESSORS_1989,
        ),
        HistoryDate(
            1999, dt.date(1999, 12, 31),
            "End of 1999: Poland, Hungary and the Czech Republic joined NATO on 12 March 1999 "
            "(COW #227). Russia's friendship treaties with its neighbours are coded as "
            "alignments.",
            rename=SUCCESSORS_1989,
        ),
        HistoryDate(
            2004, dt.date(2004, 12, 31),
            "End of 2004: NATO's second post-Cold War enlargement took in Bulgaria and Romania "
            "(with the Baltic states, Slovakia and Slovenia, not in this scenario).",
            tuple(Judgement(new, old, "alliance", joined)
                  for new in ("BUL", "ROM") for old in NATO_2004 + (["ROM"] if new == "BUL" else [])),
            rename=SUCCESSORS_1989,
            sources=("nato2004",),
        ),
    ]


def history_east_asia() -> list[HistoryDate]:
    quad = ("The Quad (the United States, Japan, Australia and India), revived in 2017, with "
            "leaders' summits from 2021: shared expectations of support without a treaty, an "
            "alignment.")
    return [
        HistoryDate(
            2023, dt.date(2023, 12, 31),
            "End of 2023: the US 'hub and spokes' treaties with Japan, South Korea, the "
            "Philippines (new bases under the Enhanced Defense Cooperation Agreement, 2023), "
            "Australia and Thailand are in force; China's only treaty ally is North Korea "
            "(1961); Russia and North Korea are tied by their 2000 treaty (the 2024 "
            "comprehensive strategic partnership treaty is later).",
            (Judgement(US_ROK.a, US_ROK.b, US_ROK.kind, US_ROK.why),
             Judgement("USA", "THI", "entente",
                       "The Manila Pact of 1954 is still in force between the US and Thailand "
                       "(as in the 2016 scenario; COW ends the SEATO membership in 1977)."),
             Judgement("CHN", "RUS", "entente",
                       "The 2001 Treaty of Good-Neighbourliness (Art. 9: consultation when "
                       "either is threatened), extended in 2021, and the 'no limits' partnership "
                       "of 4 February 2022: an entente, firmer than the 1996 non-aggression "
                       "agreement COW codes."),
             Judgement("JPN", "AUL", "entente",
                       "Japan-Australia Joint Declaration on Security Cooperation (22 October "
                       "2022): a pledge to consult on contingencies, no defence obligation."),
             Judgement("USA", "IND", "alignment", quad),
             Judgement("JPN", "IND", "alignment", quad),
             Judgement("AUL", "IND", "alignment", quad),
             Judgement("ROK", "PRK", None,
                       "North Korea declared the 2018 inter-Korean military agreement void (23 "
                       "November 2023) and, at the end of December 2023, South Korea a hostile "
                       "state, ending the policy of the 1991 Basic Agreement that COW codes.")),
            sources=("usdos", "sinorus", "japaus", "quad", "kcna2023"),
        ),
    ]


def all_scenarios(data: Data) -> list[Scenario]:
    return [tutorial(), europe_1914(data), europe_1936(data), cold_war_1955(data),
            end_of_cold_war_1989(data), east_asia(data), polarity(5), polarity(2)]


# --------------------------------------------------------------------------- output and checks
def _project():
    """The project's scenario package (validator and writer): one set of rules for files."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from alliance_sandbox import scenario as project

    return project


def render(scenario: Scenario) -> tuple[str, list[str]]:
    """(the file's text as the project's writer lays it out, the project validator's problems).

    What is written is what this script says, no more: a setting it leaves out stays out, so a
    bundled file follows the engine's default rather than freezing today's value.
    """
    _project()
    from alliance_sandbox.scenario.files import dumps_data
    from alliance_sandbox.scenario.validate import check_data

    doc = scenario.document()
    _, problems = check_data(doc, f"{scenario.slug}.json")
    if problems:
        return "", [str(p) for p in problems]
    return dumps_data(doc), []


def load_problems(path: Path) -> list[str]:
    """What the project's loader says of a file on disk ([] when it loads)."""
    project = _project()
    try:
        project.load_scenario(path)
    except project.ScenarioError as error:
        return [str(p) for p in error.problems]
    return []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help=f"folder holding {NMC_FILE} and {ALLIANCE_FILE}")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the JSON")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; fail if a file differs from what would be written")
    args = parser.parse_args(argv)
    data = read_data(args.data)
    failed = False
    for scenario in all_scenarios(data):
        text, problems = render(scenario)
        path = args.out / f"{scenario.slug}.json"
        if problems:
            pass  # nothing is written for a scenario the validator refuses
        elif args.check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                problems.append(f"{path} is out of date: run tools/make_scenarios.py")
        else:
            args.out.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        if path.is_file():
            problems += load_problems(path)
        status = "FAIL" if problems else "ok"
        print(f"{status:4} {path.name}: {len(scenario.states)} states, {len(scenario.ties)} ties, "
              f"{len(scenario.affinity)} affinity pairs, {len(scenario.shocks)} shocks, "
              f"{len(scenario.history)} history dates")
        for problem in problems:
            print(f"     - {problem}")
        failed |= bool(problems)
    return 1 if failed else 0

if __name__ == "__main__":
    sys.exit(main())
