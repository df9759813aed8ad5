"""Call-taking: category, priority, location, duplicates, create and create + dispatch."""
