//! Issue 12: the portal as its users expect it (portal_places).
