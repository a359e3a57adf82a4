"""Pure analysis libraries (no Django): the learned routing suggestion (`routing`)."""
