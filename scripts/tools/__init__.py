"""Tools for people: the benchmark, host tools, review packs, font subsets."""
