"""The static site: which pages exist (plan), what they show (contexts), how (templates), writing."""
