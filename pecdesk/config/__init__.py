"""Where things live and what the person chose: folders, bundled resources and the settings file."""
