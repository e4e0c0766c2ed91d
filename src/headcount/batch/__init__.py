"""Batch: extraction of sharded archives on a Dask cluster (``headcount batch``).

shards.py says what a shard and a partition's output are and holds the task a worker runs;
run.py starts or reaches the cluster, submits one task a shard with retries, collects what finished
and what failed, and can load the results into the store.
"""
from .run import BatchResult, dask_client, ingest_partitions, run_batch
from .shards import OUTPUT_FORMATS, PartitionResult, list_shards

__all__ = ["OUTPUT_FORMATS", "BatchResult", "PartitionResult", "dask_client", "ingest_partitions", "list_shards",
           "run_batch"]
