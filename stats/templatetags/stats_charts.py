from django import template

from stats.charts import render_chart

register = template.Library()

HEADING_TAGS = ("h2", "h3", "h4", "h5", "h6")


@register.simple_tag
def stats_chart(figure):
    """The figure's SVG chart (escaped by construction in stats.charts), or nothing for a table only."""
    return render_chart(figure)


@register.filter
def heading_tag(level) -> str:
    """ "h3" for 3 or "h3"; anything else falls back to "h2", so a template cannot emit other tags."""
    tag = f"h{level}" if str(level).isdigit() else str(level)
    return tag if tag in HEADING_TAGS else "h2"


@register.filter
def shows_correction(cell) -> bool:
    return cell.corrected is not None and cell.corrected != cell.value
