"""For CI jobs: SARIF, GitHub annotations, JUnit XML and the one-line-per-finding `concise`."""
