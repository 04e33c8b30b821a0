"""pecdesk: bulk certified e-mail (PEC) for small Italian offices through PEC Massiva."""

__version__ = "0.1.0"
