"""What the tests share: real repositories with pinned git identities (:mod:`.repos`), the command line
(:mod:`.cli`), a realistic PMS (:mod:`.pms`) and a headless browser (:mod:`.browser`)."""
