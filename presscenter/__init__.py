"""presscenter: the software of a city press center."""
