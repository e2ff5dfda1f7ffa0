"""The scoring pieces the evaluations share."""

from newsgraph.eval.metrics import f1, greedy_pairs, prf


def test_prf():
    assert prf(3, 4, 6) == (0.75, 0.5, 0.6)
    assert prf(0, 0, 5) == (0.0, 0.0, 0.0) and f1(0.0, 0.0) == 0.0


def test_greedy_pairs_best_first_one_to_one():
    # prediction 0 overlaps both gold items; it goes to gold 1, where it scores best, and gold 0 takes prediction 1
    assert greedy_pairs([(0.6, 0, 0), (0.9, 1, 0), (0.5, 0, 1)]) == [(1, 0), (0, 1)]
    assert greedy_pairs([(0.7, 0, 0), (0.7, 0, 1)]) == [(0, 0)]  # ties by index
