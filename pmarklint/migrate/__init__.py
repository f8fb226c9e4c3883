"""Moving a repository's data from an earlier form to the current one (``pmarklint migrate``): each migration
is all or nothing, refuses to overwrite a file, and says what it did."""
