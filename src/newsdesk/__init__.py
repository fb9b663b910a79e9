"""newsdesk: the git-native editorial workflow for newsrooms."""

__version__ = "0.1.0"
