"""Every git process pmarklint starts, and nothing else: the only package that runs git.

* :mod:`.run`: the one runner (one error policy, one environment policy) and the streaming processes;
* :mod:`.repo`: questions about a repository (where it is, which commit a revision names, what a tree holds,
  which files are tracked), each an explicit function whose "no" is an answer, not a swallowed failure;
* :mod:`.log`: one ``git log --raw`` stream read into commits and file changes (:class:`.log.Log`);
* :mod:`.blobs`: file contents by blob id from ``git cat-file --batch``;
* :mod:`.signatures`: one allowed-signers file and git's verdict on commit signatures;
* :mod:`.identity`: who the next commit will be authored by.

A check that reads no history imports only :mod:`.run` and :mod:`.repo` (to list the files git tracks); the
log, blob and signature readers are imported by the history checks and the trail. Why the command line and not a
library, and the rule "never one process per commit": docs/design/git.md.
"""
