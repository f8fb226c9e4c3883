from pmarklint.cli.main import main

main()
