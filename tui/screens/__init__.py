"""One module per screen; every screen shows the daemon banner and the footer."""
