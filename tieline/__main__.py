from tieline.cli import main

main()
