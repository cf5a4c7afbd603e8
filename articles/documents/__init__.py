"""The committee's document library ("Văn bản"): directives, resolutions, plans, reports, announcements."""
