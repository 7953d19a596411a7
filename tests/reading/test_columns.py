"""kinds/columns.py builds text columns as Arrow arrays; the frames must be exactly what pandas builds from
the lists (dtype, values, missing texts), whether one survey or several are merged."""

import numpy as np
import pandas as pd

from zi_analytics.kinds.columns import cycled_text, each_text, frame, joined, same_text, texts


def test_text_columns_equal_pandas_own_from_lists():
    built = frame({
        "a": texts(["x", None, "", "Lapas Kelas IIA Malang"]),
        "b": same_text("ikm", 4),
        "c": each_text(["r1", "r2"], 2),
        "d": cycled_text(["U1", "U2"], 2),
        "n": np.array([1, 2, 3, 4], dtype=np.int64),
        "t": [pd.Timestamp("2026-01-02 03:04:05").to_pydatetime(), None, None, None],
    }, ["a", "b", "c", "d", "n", "t"])
    expected = pd.DataFrame({
        "a": ["x", None, "", "Lapas Kelas IIA Malang"], "b": ["ikm"] * 4, "c": ["r1", "r1", "r2", "r2"],
        "d": ["U1", "U2", "U1", "U2"], "n": [1, 2, 3, 4],
        "t": [pd.Timestamp("2026-01-02 03:04:05").to_pydatetime(), None, None, None],
    })
    pd.testing.assert_frame_equal(built, expected)
    assert built["a"].isna().tolist() == [False, True, False, False]


def test_joined_pieces_are_reordered_like_the_frames_they_replace():
    order = np.array([0, 2, 1, 3])
    pieces = {"s": [texts(["a", "b"]), texts(["c", None])], "n": [np.array([1.5, 2.5]), np.array([3.5, 4.5])],
              "o": [[None, "x"], ["y", None]]}
    built = frame({name: joined(p, order) for name, p in pieces.items()}, list(pieces))
    expected = pd.DataFrame({"s": ["a", "c", "b", None], "n": [1.5, 3.5, 2.5, 4.5], "o": [None, "y", "x", None]})
    pd.testing.assert_frame_equal(built, expected)


def test_field_columns_are_each_columns_cells():
    from zi_analytics.kinds.common import DataRow, column_values, field_columns

    square = [DataRow(i, [f"a{i}", i, None, f"d{i}"], None, "") for i in range(5)]
    ragged = square[:3] + [DataRow(9, ["short"], None, "")]
    for rows in (square, ragged, []):
        for cols in ([0, 3], [None, 1, None], [3, 3, 0], [2], [], [0, 1, 2, 3]):
            assert field_columns(rows, cols) == [column_values(rows, c) for c in cols]
