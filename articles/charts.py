"""Bar charts of daily views, drawn on the server as inline SVG.

No chart library and no script: the admin page carries the picture itself, so it needs no external request,
works without JavaScript and stays ready for a strict Content-Security-Policy (colours and sizes come from
presentation attributes, which admin.css may override, never from style attributes). Every piece of text
goes through format_html, and the result is well-formed XML as well as HTML.
"""

import math
from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from .stats import DayViews

# The drawing's own coordinates; the SVG scales to the width of its box (admin.css), keeping this ratio.
WIDTH, HEIGHT = 720, 250
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM = 76, 712, 42, 214
DATE_LABELS_AT_MOST = 8
BAR_SHARE_OF_SLOT = 0.7
BAR_COLOUR = "#417690"  # the admin's own blue, for when admin.css is not loaded


def vietnamese_number(number: int) -> str:
    # Vietnamese groups thousands with a dot: 12.345 lượt xem.
    return f"{number:,}".replace(",", ".")


def day_month(day) -> str:
    return day.strftime("%d/%m")


def views_summary(label: str, days: Sequence[DayViews]) -> str:
    """The chart in one sentence, for screen readers and the chart's own heading."""
    total = sum(day.views for day in days)
    if not total:
        return f"{label}: tổng 0"
    # On a tie the latest day is the one people remember.
    busiest = max(reversed(days), key=lambda day: day.views)
    return (
        f"{label}: tổng {vietnamese_number(total)}, "
        f"cao nhất {vietnamese_number(busiest.views)} ngày {day_month(busiest.day)}"
    )


def daily_views_chart(days: Sequence[DayViews], *, chart_id: str, subject: str = "") -> SafeString:
    """A bar per day, oldest on the left, with the busiest day's count as the scale's top.

    `chart_id` must be unique on the page: the summary's id is built from it. `subject` says whose views
    they are ("bài “…”"); without it, the whole site's.
    """
    label = f"Lượt xem {len(days)} ngày qua" + (f" của {subject}" if subject else "")
    summary_id = f"{chart_id}-summary"
    total = sum(day.views for day in days)
    highest = max((day.views for day in days), default=0)
    slot = (PLOT_RIGHT - PLOT_LEFT) / max(len(days), 1)
    label_every = math.ceil(len(days) / DATE_LABELS_AT_MOST) or 1
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="views-chart" id="{}" viewBox="0 0 {} {}" '
        'role="img" aria-labelledby="{}" font-family="sans-serif" font-size="14">'
        '<title id="{}">{}</title>'
        '<text class="views-chart-total" x="{}" y="20" text-anchor="end" font-size="16" fill="#333">'
        "Tổng: {}</text>"
        "{}{}{}</svg>",
        chart_id,
        WIDTH,
        HEIGHT,
        summary_id,
        summary_id,
        views_summary(label, days),
        PLOT_RIGHT,
        vietnamese_number(total),
        _scale(highest),
        format_html_join("", "{}", ((_bar(n, day, slot, highest),) for n, day in enumerate(days))),
        format_html_join(
            "",
            "{}",
            (
                (_date_label(n, day, slot),)
                for n, day in enumerate(days)
                # Counted back from today, so the last day is always labelled.
                if (len(days) - 1 - n) % label_every == 0
            ),
        ),
    )


def _coordinate(value: float) -> str:
    return f"{value:.1f}"


def _scale(highest: int) -> SafeString:
    """The baseline with its 0, and a line at the busiest day's count with that number."""
    baseline = format_html(
        '<line class="views-chart-axis" x1="{}" y1="{}" x2="{}" y2="{}" stroke="#999"/>'
        '<text class="views-chart-scale" x="{}" y="{}" text-anchor="end" fill="#666">0</text>',
        PLOT_LEFT,
        PLOT_BOTTOM,
        PLOT_RIGHT,
        PLOT_BOTTOM,
        PLOT_LEFT - 8,
        PLOT_BOTTOM + 5,
    )
    if not highest:
        return baseline
    return baseline + format_html(
        '<line class="views-chart-grid" x1="{}" y1="{}" x2="{}" y2="{}" '
        'stroke="#ccc" stroke-dasharray="4 3"/>'
        '<text class="views-chart-scale" x="{}" y="{}" text-anchor="end" fill="#666">{}</text>',
        PLOT_LEFT,
        PLOT_TOP,
        PLOT_RIGHT,
        PLOT_TOP,
        PLOT_LEFT - 8,
        PLOT_TOP + 5,
        vietnamese_number(highest),
    )


def _bar(n: int, day: DayViews, slot: float, highest: int) -> SafeString:
    plot_height = PLOT_BOTTOM - PLOT_TOP
    height = plot_height * day.views / highest if highest else 0
    bar_width = slot * BAR_SHARE_OF_SLOT
    # The whole column is the hover target, so a day with few or no views still shows its <title>.
    return format_html(
        '<g class="views-chart-day"><title>{}: {} lượt xem</title>'
        '<rect x="{}" y="{}" width="{}" height="{}" fill="#000" fill-opacity="0"/>'
        '<rect class="views-chart-bar" x="{}" y="{}" width="{}" height="{}" fill="{}"/></g>',
        day.day.strftime("%d/%m/%Y"),
        vietnamese_number(day.views),
        _coordinate(PLOT_LEFT + n * slot),
        PLOT_TOP,
        _coordinate(slot),
        plot_height,
        _coordinate(PLOT_LEFT + n * slot + (slot - bar_width) / 2),
        _coordinate(PLOT_BOTTOM - height),
        _coordinate(bar_width),
        _coordinate(height),
        BAR_COLOUR,
    )


def _date_label(n: int, day: DayViews, slot: float) -> SafeString:
    return format_html(
        '<text class="views-chart-date" x="{}" y="{}" text-anchor="middle" fill="#666">{}</text>',
        _coordinate(PLOT_LEFT + (n + 0.5) * slot),
        PLOT_BOTTOM + 22,
        day_month(day.day),
    )
