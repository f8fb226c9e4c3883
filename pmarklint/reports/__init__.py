"""Reports an office hands over, built from the repository: the Fit & Gap table (:mod:`.fitgap`)."""
