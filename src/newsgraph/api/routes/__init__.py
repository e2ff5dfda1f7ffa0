"""The API's routers, one module per concern; ``deps`` holds what they share."""
