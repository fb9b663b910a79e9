"""Every git call newsdesk makes: the store (the one wall around GitPython and the git
command), commits that change the newsroom, history read back, the process lock, sync."""
