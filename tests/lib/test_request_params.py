from infopoint.lib.request_params import parse_pk


def test_only_plain_positive_whole_numbers_are_ids():
    assert parse_pk("42") == 42
    assert parse_pk(17) == 17
    for junk in ("²", "٣", "-1", "0", "1.5", "", None, "9" * 30, " 4"):
        assert parse_pk(junk) is None, junk
