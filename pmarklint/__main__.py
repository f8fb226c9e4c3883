from pmarklint.cli.start import main

main()
