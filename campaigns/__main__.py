from campaigns.cli import main

raise SystemExit(main())
