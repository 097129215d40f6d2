"""Scoring a predicted set of ties (alliance_sandbox/prediction_score.py)."""
from alliance_sandbox.prediction_score import pair, score_ties


def test_each_pair_tied_now_predicted_or_tied_then_counts_once():
    now = {pair("A", "B"), pair("C", "D")}
    predicted = {pair("A", "B"), pair("B", "C")}  # keeps A-B, expects C-D to break and B-C to form
    actual = {pair("A", "B"), pair("C", "D"), pair("A", "D")}
    score = score_ties(now, predicted, actual)
    assert score.total == 4  # A-B, C-D, B-C, A-D
    assert score.right == 1  # only A-B
    assert score.baseline_right == 3  # inertia: A-B, C-D and B-C right, A-D missed
    assert score.expected_not_there == [("B", "C")]
    assert score.missed == [("A", "D"), ("C", "D")]


def test_a_perfect_prediction_and_pairs_in_either_order():
    now = {pair("B", "A")}
    assert pair("B", "A") == ("A", "B")
    score = score_ties(now, {("A", "C")}, {("A", "C")})
    assert (score.right, score.total, score.baseline_right) == (2, 2, 0)
    assert "2 of 2 pairs right" in score.summary()
