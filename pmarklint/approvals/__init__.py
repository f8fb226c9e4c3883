"""What an approval is and what git proves about it: the content digest an approval is bound to
(:mod:`.digest`), the judge that reads history for who added it, with which role and signature
(:mod:`.judge`), and ``pmarklint sign``, which writes one (:mod:`.sign`)."""
