from newsgraph.ingest.dates import find_dates, published_from_text


def test_weekday_decides_day_month_order():
    # 9/10/2023 read month-first is Sunday 10 Sep 2023; day-first is Monday 9 Oct 2023.
    (found,) = find_dates("reported on Sunday (9/10/2023).")
    assert found.date.isoformat() == "2023-09-10" and found.weekday_checked
    (found,) = find_dates("reported on Monday (9/10/2023).")
    assert found.date.isoformat() == "2023-10-09"


def test_day_over_twelve_decides():
    (found,) = find_dates("on 26/9/2023")
    assert found.date.isoformat() == "2023-09-26"


def test_named_months():
    assert [f.date.isoformat() for f in find_dates("Sept. 26, 2023 and 3 March 2022")] == [
        "2023-09-26",
        "2022-03-03",
    ]


def test_published_from_dateline_not_from_story_dates():
    body = ["Russia invaded on 24 February 2022, the minister recalled, in a long interview with reporters."]
    assert published_from_text([], body) is None
    body.append("He said so in Moscow, Tuesday (26/9/2023).")
    assert published_from_text([], body) == "2023-09-26"
    assert published_from_text(["Posted 12 March 2021 09:00"], body) == "2021-03-12"
