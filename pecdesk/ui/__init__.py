"""The Qt widgets layer: tabs, dialogs and the glue that runs service calls from slots."""
