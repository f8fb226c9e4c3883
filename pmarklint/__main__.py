from pmarklint.cli import main

raise SystemExit(main())
