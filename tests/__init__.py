"""govinfo test suite."""
