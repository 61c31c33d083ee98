"""Thin HTTP layer over api.kg: routes translate requests, the core answers them."""
