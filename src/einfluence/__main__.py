from einfluence.cli.process import run

run()
