"""The SVG chart: well-formed, labelled for screen readers, every text escaped, nothing that runs."""

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from datetime import date, timedelta

from articles.charts import daily_views_chart, vietnamese_number
from articles.stats import DayViews

SVG = "{http://www.w3.org/2000/svg}"
LAST_DAY = date(2024, 11, 30)


def thirty_days(views_on: dict[int, int]) -> list[DayViews]:
    """Thirty days ending on 30/11/2024, with views on the given days of November."""
    days = [LAST_DAY - timedelta(days=n) for n in range(29, -1, -1)]
    return [DayViews(day, views_on.get(day.day, 0)) for day in days]


def parse(svg) -> ET.Element:
    return ET.fromstring(str(svg))


def test_vietnamese_numbers_group_thousands_with_dots():
    assert [vietnamese_number(n) for n in (0, 999, 1234, 12345, 1234567)] == [
        "0",
        "999",
        "1.234",
        "12.345",
        "1.234.567",
    ]


def test_the_chart_is_well_formed_svg_labelled_by_its_summary():
    chart = parse(daily_views_chart(thirty_days({20: 1234, 21: 11111}), chart_id="site-views"))
    assert chart.tag == f"{SVG}svg"
    assert chart.get("role") == "img"
    assert chart.get("viewBox") == "0 0 720 250"
    assert chart.get("width") is None  # the box's width, from admin.css
    summary = chart.find(f"{SVG}title")
    assert summary.get("id") == chart.get("aria-labelledby") == "site-views-summary"
    assert summary.text == "Lượt xem 30 ngày qua: tổng 12.345, cao nhất 11.111 ngày 21/11"


def test_one_bar_per_day_each_with_its_date_and_views_for_hover():
    chart = parse(daily_views_chart(thirty_days({20: 1234}), chart_id="c"))
    bars = chart.findall(f"{SVG}g")
    assert len(bars) == 30
    titles = [bar.find(f"{SVG}title").text for bar in bars]
    assert titles[19] == "20/11/2024: 1.234 lượt xem"
    assert titles[0] == "01/11/2024: 0 lượt xem"
    heights = [float(bar.find(f"{SVG}rect[@class='views-chart-bar']").get("height")) for bar in bars]
    assert heights[19] > 0 and heights.count(0) == 29


def test_axis_shows_dates_as_day_and_month_and_the_highest_count():
    chart = parse(daily_views_chart(thirty_days({20: 1234}), chart_id="c"))
    texts = defaultdict(list)
    for text in chart.iter(f"{SVG}text"):
        texts[text.get("class")].append(text.text)
    assert texts["views-chart-scale"] == ["0", "1.234"]
    assert texts["views-chart-total"] == ["Tổng: 1.234"]
    dates = texts["views-chart-date"]
    assert dates[-1] == "30/11"  # today is always labelled
    assert all(re.fullmatch(r"\d\d/\d\d", label) for label in dates)
    assert 5 <= len(dates) <= 10


def test_a_chart_without_views_says_so():
    chart = parse(daily_views_chart(thirty_days({}), chart_id="c"))
    assert chart.find(f"{SVG}title").text == "Lượt xem 30 ngày qua: tổng 0"
    scale = [text.text for text in chart.iter(f"{SVG}text") if text.get("class") == "views-chart-scale"]
    assert scale == ["0"]


def test_a_hostile_subject_is_escaped_and_nothing_runs():
    svg = str(
        daily_views_chart(
            thirty_days({20: 3}), chart_id="c", subject='bài “<script>alert("x")</script> & co”'
        )
    )
    assert "<script" not in svg
    assert "&lt;script&gt;" in svg
    assert " style=" not in svg and not re.search(r"\son\w+=", svg)
    assert (
        parse(svg)
        .find(f"{SVG}title")
        .text.startswith('Lượt xem 30 ngày qua của bài “<script>alert("x")</script> & co”: tổng 3')
    )
