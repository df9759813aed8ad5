"""The Inspectors resource panel: field inspectors' duty, rounds, tasks and round coverage."""
