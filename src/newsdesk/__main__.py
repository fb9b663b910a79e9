from newsdesk.cli.main import main

main()
