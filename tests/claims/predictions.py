"""What each lens's own literature predicts for each bundled historical case, as checks.

One row per case and lens: the prediction with its citation, what happened, and a check on
the world after the row's turns. `tests/claims/test_predictions.py` runs every row on several
seeds and wants the check to hold in a majority; `tools/fidelity_table.py` prints the table
kept in docs/predictions.md. Rows say what a lens must do (or never do) by its own theory;
a lens may be wrong about history where its theory is (realists on NATO after 1991).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from alliance_sandbox.engine.perception import GREAT_POWER_SHARE

LENSES = ("power", "threat", "interest", "security_dilemma", "autonomy_security", "institutions",
          "identity", "landscape")


def tied(w, a: str, b: str) -> bool:
    return bool(w.tied()[w.index[a], w.index[b]])


def partners(w, a: str) -> set[str]:
    return {w.ids[j] for j in np.nonzero(w.tied()[w.index[a]])[0]}


def held_ties(w) -> int:
    return int(np.count_nonzero(np.triu(w.tied() & (w.held_by >= 0), 1)))


def same_side(w, a: str, b: str) -> bool:
    """Landscape lens: the same bloc of its two-bloc split (kept in World.lens_state)."""
    side = w.lens_state.get("landscape_sides")
    return side is not None and side[w.index[a]] == side[w.index[b]]


@dataclass(frozen=True)
class Prediction:
    case: str  # scenario file name without .json
    lenses: tuple[str, ...]
    turns: int
    predicts: str  # what the theory predicts, with its citation
    check: Callable  # world -> bool
    happened: str  # what history did


NATO = {"UKG", "FRN", "ITA", "GFR", "CAN", "BEL", "NTH", "LUX", "NOR", "DEN", "ICE", "POR", "SPN", "GRC", "TUR"}
PACT = {"POL", "GDR", "CZE", "HUN", "ROM", "BUL"}
ALL = LENSES
SOUTH_EAST_ASIA = ("TAW", "PHI", "THI", "DRV", "SIN", "INS")
def secondary_ties(w) -> tuple[int, int]:
    """(ties between two secondary states, those of them outside every great power's coalition).

    A secondary state holds less than GREAT_POWER_SHARE of world capability; a tie between two
    of them is inside a great power's coalition when the two share a great-power partner."""
    t = w.tied()
    small = w.capability / w.capability.sum() < GREAT_POWER_SHARE
    between = np.triu(t & np.outer(small, small), 1)
    great = t[:, ~small].astype(int)
    inside = (great @ great.T) > 0
    return int(between.sum()), int((between & ~inside).sum())


def comparable_pairs_kept(w, members) -> tuple[int, int]:
    """(ties kept, pairs) among the pairs of `members` of comparable capability: neither more
    than twice the other (the factor of the pole rule, `engine.polarity`): Morrow's (1991)
    symmetric alliances, in which each side gains security and neither much autonomy."""
    ids = sorted(members)
    pairs = [(a, b) for k, a in enumerate(ids) for b in ids[k + 1:]
             if max(w.capability[w.index[a]], w.capability[w.index[b]])
             <= 2 * min(w.capability[w.index[a]], w.capability[w.index[b]])]
    return sum(1 for a, b in pairs if tied(w, a, b)), len(pairs)


BALANCERS = ("threat", "security_dilemma", "autonomy_security", "institutions", "identity")

PREDICTIONS: tuple[Prediction, ...] = (
    # ----- Europe 1914 (start 1913; turn 5 = 1918)
    Prediction("europe-1914", ALL, 5,
               "The Franco-Russian alliance holds while Germany stands between its members: balancing "
               "against the strongest (Waltz 1979), the most threatening (Walt 1987), the revisionist "
               "(Schweller 1994); tight multipolar alliances (Snyder 1984; Christensen & Snyder 1990).",
               lambda w: tied(w, "FRN", "RUS"),
               "It held: France and Russia fought Germany from August 1914."),
    Prediction("europe-1914", ALL, 5,
               "The Dual Alliance holds: Austria-Hungary, the weaker side's member, stays with Germany "
               "(Waltz 1979: secondary states join the weaker coalition; Christensen & Snyder 1990: "
               "chain-ganging under offence dominance; Morrow 1991: an asymmetric alliance; Schweller "
               "1994: 100-104, revisionists of compatible aims combine: Germany backed Vienna's aims "
               "against Serbia and the 1913 Balkan settlement, Williamson 1991).",
               lambda w: tied(w, "GMY", "AUH"),
               "It held to 1918."),
    Prediction("europe-1914", tuple(x for x in ALL if x not in ("power", "landscape")), 5,
               "Enemies of the Balkan wars do not ally: Serbia with neither Bulgaria nor the Ottoman "
               "Empire, Greece with neither (Walt 1987: perceived intentions; Schweller 1994: "
               "clashing claims). The power lens is exempt: to Waltz (1979) only capability counts.",
               lambda w: not any(tied(w, a, b) for a, b in (("YUG", "BUL"), ("YUG", "TUR"), ("GRC", "BUL"),
                                                            ("GRC", "TUR"))),
               "Bulgaria (1915) and the Ottomans (1914) joined the Central Powers against Serbia."),
    # ----- Europe 1936 (turn 3 = 1939)
    Prediction("europe-1936", tuple(x for x in ALL if x != "power"), 3,
               "No status-quo power (Britain, France, Czechoslovakia) allies with Germany, the rising, "
               "most aggressive and most revisionist state (Walt 1987; Schweller 1994). The power lens "
               "is exempt: by CINC the USSR is the strongest state and the Franco-Soviet pact the "
               "strongest coalition, so Waltz's capability-only lens may have Britain balance it with "
               "Germany (what Walt and Schweller say such a lens misses: intentions and aims).",
               lambda w: not partners(w, "GMY") & {"UKG", "FRN", "CZE"},
               "None did; Munich (1938) was appeasement, not alliance."),
    Prediction("europe-1936", ("power",), 3,
               "The two strongest states, the USSR and Germany, balance each other: no tie between them "
               "(Waltz 1979).",
               lambda w: not tied(w, "GMY", "RUS"),
               "Wrong about history where the theory is: the Nazi-Soviet pact of August 1939."),
    Prediction("europe-1936", ("interest", "identity"), 5,
               "Revisionists combine: Italy or Hungary joins rising Germany (Schweller 1994, jackal "
               "bandwagoning; for constructivists, kindred fascist regimes).",
               lambda w: bool(partners(w, "GMY") & {"ITA", "HUN"}),
               "The Rome-Berlin Axis (October 1936), the Pact of Steel (1939), Hungary in the Tripartite Pact (1940); "
               "turn 5 = 1941."),
    Prediction("europe-1936", ("landscape",), 3,
               "Axelrod & Bennett (1993): Germany and Italy on one side, Britain, France and the USSR "
               "on the other.",
               lambda w: same_side(w, "GMY", "ITA") and not same_side(w, "GMY", "FRN")
               and not same_side(w, "GMY", "UKG") and not same_side(w, "GMY", "RUS"),
               "The alignments of 1941."),
    # ----- Cold War 1955 (bipolar)
    Prediction("cold-war-1955", ALL, 10,
               "Bipolar stability: the blocs hold (Waltz 1979: the two poles balance mainly by their own "
               "efforts, and their alliances endure; Snyder 1984: the alliance dilemma is muted). The "
               "United States keeps at least 14 of its 17 allies.",
               lambda w: len(partners(w, "USA")) >= 14,
               "All US treaties of 1955 still stood in 1970 (France left NATO's command in 1966, not the treaty)."),
    Prediction("cold-war-1955", ALL, 10,
               "No NATO member allies with the Soviet Union, and the Warsaw Pact, held by Soviet force, "
               "stays (Walt 1987 ch. 8 on the Soviet bloc; every lens).",
               lambda w: not partners(w, "RUS") & NATO and len(partners(w, "RUS") & PACT) >= 5,
               "The Pact held in 1970 (Albania, not in this check, left in 1968)."),
    # ----- 1989 (revolutions turns 1-2, Soviet collapse turn 3; turn 13 = 2002)
    Prediction("end-of-cold-war-1989", ALL, 13,
               "A pact held by force dissolves once its hegemon can no longer coerce: no tie held by "
               "Moscow survives the collapse, under any lens (Walt 1987; Wallander 2000 on the Pact's "
               "specific assets; Risse-Kappen 1996 on its missing we-feeling).",
               lambda w: held_ties(w) == 0,
               "The Warsaw Pact dissolved on 1 July 1991."),
    Prediction("end-of-cold-war-1989", ("power", "threat", "security_dilemma"), 13,
               "When the common threat is gone the alliance goes: NATO fades, the US keeps at most 4 of "
               "its 15 NATO allies (Mearsheimer 1990; Waltz 1993; claim C9). Under the power lens because "
               "the unipole's power is unbalanced and its allies too come to weigh it (Waltz 1993: 75-76, "
               "'NATO's days are not numbered, but its years are'; Waltz 2000: 27-28, 'unbalanced power, "
               "whoever wields it, is a potential danger to others').",
               lambda w: len(partners(w, "USA") & NATO) <= 4,
               "Wrong about history, as its theory was: NATO endured and grew."),
    Prediction("end-of-cold-war-1989", ("institutions", "identity"), 13,
               "NATO persists on its institutional assets (Wallander 2000) and its democratic community "
               "(Risse-Kappen 1996): the US keeps at least 10 of its 15 NATO allies.",
               lambda w: len(partners(w, "USA") & NATO) >= 10,
               "NATO endured."),
    Prediction("end-of-cold-war-1989", ("institutions", "identity"), 13,
               "The institution adapts and takes in new democracies: at least one former Pact state is "
               "tied to a NATO member (Wallander 2000; Schimmelfennig 2003).",
               lambda w: any(partners(w, s) & (NATO | {"USA"}) for s in PACT),
               "Poland, Czechia and Hungary joined in 1999, Romania and Bulgaria in 2004."),
    # ----- East Asia 2016 (turn 7 = 2023)
    Prediction("east-asia", tuple(x for x in ALL if x != "landscape"), 7,
               "The US alliances with Japan and South Korea endure: balancing China and North Korea "
               "(Walt 1987), bipolar stability (Waltz 1979), asymmetric exchange (Morrow 1991), "
               "institutional assets (Wallander 2000), shared democratic identity.",
               lambda w: {"JPN", "ROK"} <= partners(w, "USA"),
               "Both endured (the 2023 Camp David summit joined them)."),
    Prediction("east-asia", ALL, 7,
               "Japan allies with neither North Korea nor China (its two threats).",
               lambda w: not partners(w, "JPN") & {"PRK", "CHN"},
               "It did not."),
    Prediction("east-asia", ("threat", "interest", "security_dilemma", "autonomy_security", "institutions",
                             "identity"), 7,
               "The small states of South-East Asia do not ally with each other against China: two weak "
               "states add little to each other's defence against a great power, and seek a strong "
               "protector or stay apart (Walt 1987: 29-30; Snyder 1997: 44-46; Morrow 1991: 908; "
               "Schweller 1994: piling-on joins the side's leader).",
               lambda w: not any(tied(w, a, b) for a, b in combinations(SOUTH_EAST_ASIA, 2)),
               "None did: ASEAN is no alliance, and Taiwan has no treaty ally."),
    Prediction("east-asia", ("landscape",), 7,
               "Axelrod & Bennett (1993): the United States and China on opposite sides, Japan with the US.",
               lambda w: not same_side(w, "USA", "CHN") and same_side(w, "USA", "JPN"),
               "The alignments of 2023."),
    # ----- rows added later keep the numbers above (docs cite rows by number)
    Prediction("cold-war-1955", ("landscape",), 10,
               "Axelrod & Bennett (1993): the landscape sorts states into two blocs; a bloc member with "
               "no propensity either way towards its bloc-mates (Portugal's Salazar regime and the "
               "democracies, affinity 0) has no reason to leave the bloc's alliance: Portugal keeps at "
               "least 13 of its 15 NATO ties.",
               lambda w: len(partners(w, "POR")) >= 13,
               "Portugal stayed in NATO throughout (a founding member in 1949)."),
    # Europe 1914, the alliance security dilemma (written 2026-12-04)
    Prediction("europe-1914", ("security_dilemma",), 5,
               "The blank cheque: multipolar with the offence believed dominant, the loss of an ally would "
               "be decisive (Christensen & Snyder 1990: 138-140), so Germany fears abandonment by "
               "Austria-Hungary, its only great-power ally, more than entrapment in its Balkan quarrels, "
               "and firms its commitment to at least its 1913 level, 0.75 (Snyder 1984: 484-485; Snyder "
               "1997 ch. 9).",
               lambda w: tied(w, "GMY", "AUH") and w.commitment[w.index["GMY"], w.index["AUH"]] >= 0.75,
               "Germany's blank cheque to Austria-Hungary (5-6 July 1914)."),
    # East Asia 2016, the autonomy-security trade-off (written 2026-12-04)
    Prediction("east-asia", ("autonomy_security",), 7,
               "Morrow (1991: 908-914, 921-927): the terms of an asymmetric alliance are bargained, so a "
               "minor partner whose need for security is small (Australia and Thailand, far from China) "
               "is asked fewer concessions and stays: asymmetric alliances are the durable ones. The "
               "United States keeps both.",
               lambda w: {"AUL", "THI"} <= partners(w, "USA"),
               "Both treaties stood in 2023 (ANZUS 1951; the Manila Pact's bilateral successor with Thailand)."),
    Prediction("europe-1914", ("power",), 5,
               "Secondary states join a great power's coalition, not each other: no tie between two states "
               "below 5% of world capability that share no great-power partner, and no web of them (at most "
               "four in all, as in 1918). Waltz (1979: 72-73): the system is made by its great powers; "
               "(p. 127) secondary states flock to the weaker side, 'provided, of course, that the coalition "
               "they join achieves enough defensive or deterrent strength to dissuade adversaries from "
               "attacking': two small states achieve none against a great power's coalition.",
               lambda w: secondary_ties(w)[1] == 0 and secondary_ties(w)[0] <= 4,
               "Belgium, Serbia and Romania fought with the Entente, the Ottomans and Bulgaria with the Central "
               "Powers; the small states' ties in 1918 (Serbia-Greece, Serbia-Belgium, Greece-Belgium, "
               "Bulgaria-Ottomans) all lay inside one side's coalition."),
    Prediction("east-asia", ("threat", "interest", "security_dilemma", "autonomy_security"), 7,
               "China keeps North Korea: both face the United States, its Asian alliance network and "
               "its forward presence, the most threatening power (Walt 1987: 22-26; Christensen 1999), "
               "North Korea is China's buffer, and the interest in an ally's security does not lapse "
               "when the pledge is eased (Snyder 1997: 44-46 and ch. 6); a revisionist (North Korea) bandwagons "
               "with an ascending revisionist, China, for a share of the gains (Schweller 1994: 88, 93-95).",
               lambda w: tied(w, "CHN", "PRK"),
               "The 1961 treaty endured and was renewed in 2021."),
    Prediction("east-asia", ("threat", "security_dilemma", "autonomy_security"), 7,
               "China keeps Russia: both fear the United States and its Asian alliance network most "
               "(Walt 1987: 22-26; Christensen 1999); to Morrow (1991: 908-915) the pair is asymmetric, "
               "Russia gaining security against the United States and China autonomy, and the major "
               "partner carries the tie's running cost to keep it (autonomy lens added 2026-12-06, "
               "after `CARRY_COST`). The interest lens is a known miss (docs/predictions.md).",
               lambda w: tied(w, "CHN", "RUS"),
               "It endured and tightened: the 'no limits' partnership of February 2022."),
    # 1989, the autonomy-security trade-off (row 24, written 2026-12-06, before the code changed)
    Prediction("end-of-cold-war-1989", ("autonomy_security",), 13,
               "Asymmetric alliances outlast symmetric ones (Morrow 1991: 914-915), because a change in "
               "capability or threat takes away a symmetric ally's only gain, security, while in an "
               "asymmetric one the major partner still gains autonomy (bases, the NATO command) and "
               "rebargains the terms to keep a minor partner whose need for security has fallen "
               "(908-914); his tests on alliance duration, 1815-1965, bear it out (921-927). With the "
               "Soviet threat gone the United States keeps a majority of its 15 NATO allies (at least 8), "
               "and a smaller share of the ties between NATO members of comparable capability (neither "
               "more than twice the other) survives than of the US's ties.",
               lambda w: len(partners(w, "USA") & NATO) >= 8
               and (lambda kept, n: kept / max(n, 1) < len(partners(w, "USA") & NATO) / len(NATO))(
                   *comparable_pairs_kept(w, NATO)),
               "NATO endured whole, the United States at its centre, and with it the European members' "
               "ties to each other (the Western European Union, the Europeans' own alliance, faded and "
               "closed in 2011)."),
    # Cold War 1955, the balance of interests in Asia (row 25, written 2026-12-06)
    Prediction("cold-war-1955", ("interest",), 10,
               "South Korea and Taiwan stay with the United States: the interest that decides an "
               "alignment is which order a state wants (Schweller 1994: 88, 99-100, the balance of "
               "interests at the system level): Rhee's and Chiang's was the US-led one, and what they "
               "wanted revised were the communist gains, claims on the revisionists (Cha 2009/10: the "
               "US allied with them to restrain that rollback); weak states menaced by a revisionist "
               "(China) ally with the status-quo power, and the lion, which pays high costs to protect "
               "what it holds, keeps them (1994: 101-104). China and the USSR: a revisionist bandwagons "
               "with an ascending revisionist (1994: 88, 93-95), and by CINC the USSR of 1950-55 was not "
               "ascending, so the theory predicts no firm Sino-Soviet tie either way (docs/predictions.md).",
               lambda w: {"ROK", "TAW"} <= partners(w, "USA"),
               "Both treaties stood in 1965 (US-ROK to this day; US-ROC until 1980)."),
    # Cold War 1955, bandwagoning under threat (row 26, written 2026-12-06)
    Prediction("cold-war-1955", ("threat",), 15,
               "Finland keeps its 1948 treaty with the Soviet Union to 1970: a weak state next to a great "
               "power whose threat it can neither resist nor escape, with no ally available to protect "
               "it, bandwagons with that power rather than balance it (Walt 1987: 29-31, the weaker the "
               "state and the more proximate the great power, and the less available allies are, the "
               "likelier bandwagoning; 173-178 on when it occurs; bandwagoning as appeasement, 19-21). "
               "Finland, at under 1% of Soviet capability, beside it, and outside NATO, is the standard "
               "case of such accommodation ('Finlandization': Mouritzen 1988). The power lens is "
               "exempt: to Waltz (1979: 126-127) secondary states balance, and a capability-only lens "
               "cannot see why this one did not.",
               lambda w: tied(w, "FIN", "RUS"),
               "The Treaty of Friendship, Cooperation and Mutual Assistance stood until January 1992."),
)


def rows():
    """(prediction, lens) for every row of the table."""
    return [(p, lens) for p in PREDICTIONS for lens in p.lenses]
