from nngraph.cli import main

main()
