"""Days as a text writes them, found once and dated later."""

from __future__ import annotations

import datetime as dt

from etl.text.days import WrittenDay, as_dates, days_in, written_days


def test_every_way_of_writing_a_day_is_found_in_scan_order():
    text = "Talks on 24 June 2020 and 3rd of July, then 24.06.2021, 2021-06-25 and June 26, 2022; also Sept. 5."
    assert written_days(text) == [
        WrittenDay(2020, 6, 24, "24 June 2020"), WrittenDay(None, 7, 3, "3rd of July"),
        WrittenDay(2021, 6, 24, "24.06.2021"), WrittenDay(2021, 6, 25, "2021-06-25"),
        WrittenDay(2022, 6, 26, "June 26, 2022"), WrittenDay(None, 9, 5, "Sept. 5"),
    ]


def test_a_day_without_a_year_takes_the_year_given_and_impossible_days_are_dropped():
    days = [WrittenDay(None, 2, 29, "29 February"), WrittenDay(2021, 2, 30, "30 February 2021"),
            WrittenDay(None, 3, 1, "1 March")]
    assert as_dates(days, 2020) == [(dt.date(2020, 2, 29), "29 February"), (dt.date(2020, 3, 1), "1 March")]
    assert as_dates(days, 2021) == [(dt.date(2021, 3, 1), "1 March")]
    assert as_dates(days, None) == []


def test_a_text_without_digits_names_no_day():
    assert written_days("The meeting took place in late June.") == []
    assert days_in("On 5 May the OSCE met the SCO.", 2019) == [(dt.date(2019, 5, 5), "5 May")]
