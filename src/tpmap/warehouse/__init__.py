"""The data core: ``build`` validates and links sources, computes MPI and target groups,
aggregates every area, audits and publishes a versioned Parquet warehouse; ``read`` reads
it back by subject; ``layout`` says where a version keeps its tables; ``engine`` is the one
door to the SQL engine."""
