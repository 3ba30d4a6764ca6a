"""``xxgk serve``: the live preview. ``server`` serves and watches, ``update`` keeps the built
site up to date with the build's own stages, ``client.js`` reloads the browser."""
