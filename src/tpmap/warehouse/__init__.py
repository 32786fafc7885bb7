"""The data core: validate and link sources, compute MPI and target groups, aggregate every
area, publish a versioned Parquet warehouse, and read it back (selectors)."""
