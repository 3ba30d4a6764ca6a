"""Open-data exports: plain data from the model (no templates), written as CSV, JSON and XLSX."""
