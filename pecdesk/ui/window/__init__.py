"""The main window and its life: first paint, tabs, switching accounts, translations.

Also the crash dialog and the self-test view.
"""
