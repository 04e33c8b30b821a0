"""Qt-free services the UI calls: each wraps the API client (and later the store) for one job."""
