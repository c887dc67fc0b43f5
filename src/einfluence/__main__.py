from einfluence.cli import main

main()
