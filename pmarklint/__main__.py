from pmarklint.cli import main

main()
