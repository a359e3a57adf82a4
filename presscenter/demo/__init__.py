"""Demo content for `presscenter demo`: Hanoi's organisation tree after the 1 July 2025
two-tier reform, one account per role, and about sixty items written for this project.
People, phone numbers and figures are invented for the demo."""
