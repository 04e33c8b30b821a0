"""Pieces every tab uses: the task runner, the banner, the quota gauge."""
