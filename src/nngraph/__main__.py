from nngraph.cli import cli

cli()
