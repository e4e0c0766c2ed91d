"""`headcount batch` on a Dask LocalCluster: the claims of `headcount extract`, one file a partition,
failed partitions retried and named, results loaded into the store on request."""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from headcount.batch import BatchResult, run_batch
from headcount.batch.shards import PartitionResult, read_claims
from headcount.cli import app
from headcount.store import Store

runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


def _report(i: int) -> dict:
    # Written for this test: invented sieges with a few figures each.
    return {"id": f"siege-{i}", "published": "2032-04-0{}".format(i % 9 + 1), "outlet": "Test Wire",
            "text": f"Police said {i % 6 + 2} hostages were freed from the Marl depot {i} on Monday. "
                    f"A spokesman for the company said {i % 4 + 1} workers were still missing."}


@pytest.fixture
def shards(tmp_path) -> Path:
    """Two JSON Lines shards (one with a bad line) and one Parquet shard, in a folder."""
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "a.jsonl").write_text("".join(json.dumps(_report(i)) + "\n" for i in range(0, 12)))
    lines = [json.dumps(_report(i)) for i in range(12, 20)]
    lines.insert(3, "{ not json")
    (folder / "b.jsonl").write_text("\n".join(lines) + "\n")
    pq.write_table(pa.Table.from_pylist([_report(i) for i in range(20, 30)]), folder / "c.parquet")
    return folder


def _extract_lines(paths: list[Path]) -> list[str]:
    done = invoke("extract", *paths, "--silent")
    return sorted(line for line in done.stdout.splitlines() if line.strip())


def test_batch_on_a_local_cluster_gives_the_claims_of_extract(shards, tmp_path):
    out = tmp_path / "claims"
    done = invoke("batch", shards, "--output", out, "--format", "jsonl", "--workers", "2", "--silent")
    assert done.exit_code == 1  # the bad line
    assert f"{shards / 'b.jsonl'}:4" in done.stderr and "3 of 3 partition(s) done: 30 report(s)" in done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["claims-00000.jsonl", "claims-00001.jsonl",
                                                     "claims-00002.jsonl", "people-00000.jsonl",
                                                     "people-00001.jsonl", "people-00002.jsonl"]
    got = sorted(line for p in sorted(out.glob("claims-*")) for line in p.read_text().splitlines())
    # extract reads the same JSON Lines shards; the Parquet rows are the same reports as JSON Lines.
    as_jsonl = tmp_path / "c.jsonl"
    as_jsonl.write_text("".join(json.dumps(_report(i)) + "\n" for i in range(20, 30)))
    want = _extract_lines([shards / "a.jsonl", shards / "b.jsonl", as_jsonl])
    assert got == want and len(got) >= 58


def test_parquet_output_holds_the_same_claims(shards, tmp_path):
    jsonl_out, parquet_out = tmp_path / "j", tmp_path / "p"
    invoke("batch", shards, "--output", jsonl_out, "--format", "jsonl", "--workers", "1", "--silent")
    invoke("batch", shards, "--output", parquet_out, "--workers", "1", "--silent")
    for i in range(3):
        assert read_claims(parquet_out / f"claims-0000{i}.parquet") == read_claims(jsonl_out / f"claims-0000{i}.jsonl")


def test_batch_ingest_stores_what_ingest_stores(shards, tmp_path):
    via_batch, via_ingest = f"sqlite:///{tmp_path / 'b.db'}", f"sqlite:///{tmp_path / 'i.db'}"
    done = invoke("batch", shards, "--output", tmp_path / "out", "--workers", "2", "--ingest", "--db", via_batch,
                  "--silent")
    assert "stored 30 report(s); 0 already in the store." in done.stderr
    invoke("ingest", shards / "a.jsonl", shards / "b.jsonl", "--db", via_ingest, "--silent")
    with Store.open(via_batch) as b, Store.open(via_ingest) as i:
        parquet_ids = {f"siege-{n}" for n in range(20, 30)}
        assert [c for c in b.claims() if c.report not in parquet_ids] == i.claims()
    again = invoke("batch", shards, "--output", tmp_path / "out", "--workers", "1", "--ingest", "--db", via_batch,
                   "--silent")
    assert "stored 0 report(s); 30 already in the store." in again.stderr


# Tasks for the retry test; run in threads of an in-process cluster, so they can share this folder.
def _flaky_task(index: int, shard: str, output_dir: str, fmt: str) -> PartitionResult:
    marker = Path(output_dir) / f"tried-{index}"
    if index == 1 and not marker.exists():
        marker.touch()
        raise OSError("the disk hiccuped")
    if index == 2:
        raise ValueError("this shard always fails")
    return PartitionResult(index, shard, str(Path(output_dir) / f"claims-{index}"), reports=1)


def test_failed_partitions_are_retried_then_named(tmp_path):
    from distributed import Client, LocalCluster

    shards = [tmp_path / f"s{i}.jsonl" for i in range(4)]
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        seen = []
        result: BatchResult = run_batch(shards, tmp_path / "out", client, retries=2, task=_flaky_task,
                                        on_done=seen.append)
    assert [p.index for p in result.partitions] == [0, 1, 3]      # 1 succeeded on its second try
    assert len(result.failed) == 1 and "[E022] partition 2" in result.failed[0]
    assert "s2.jsonl" in result.failed[0] and "after 3 tries" in result.failed[0]
    assert "this shard always fails" in result.failed[0]
    assert len(seen) == 4 and seen.count(None) == 1


def test_a_missing_shard_or_another_file_type_is_named(tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    for bad, code in ((tmp_path / "gone.jsonl", "E011"), (tmp_path / "notes.txt", "E021")):
        done = invoke("batch", bad, "--output", tmp_path / "out", "--silent")
        assert code in str(done.exception)


def test_batch_ingest_fires_the_alerts_once_per_change(tmp_path):
    """Alerts fire after `batch --ingest` stores its partitions (issue 19), and not again for the same reports."""
    import re
    folder = tmp_path / "depot"
    folder.mkdir()
    (folder / "a.jsonl").write_text("".join(json.dumps({**_report(i), "incident": "marl"}) + "\n" for i in (1, 2)))
    db = f"sqlite:///{tmp_path / 'b.db'}"
    assert invoke("alerts", "add", "--cell", "freed", "--terminal", "--db", db).exit_code == 0
    done = invoke("batch", folder, "--output", tmp_path / "out", "--workers", "1", "--ingest", "--db", db, "--silent")
    assert done.exit_code == 0, done.output
    fired = int(re.search(r"alerts: (\d+) new", done.stderr).group(1))
    log = json.loads(invoke("alerts", "log", "--db", db, "--format", "json").stdout)["alerts"]
    assert fired >= 1 and len(log) == fired
    assert {a["status"] for a in log} == {"pending"}  # a terminal alert waits for `headcount watch`
    again = invoke("batch", folder, "--output", tmp_path / "out2", "--workers", "1", "--ingest", "--db", db, "--silent")
    assert again.exit_code == 0 and not re.search(r"alerts: [1-9]\d* new", again.stderr)
    assert len(json.loads(invoke("alerts", "log", "--db", db, "--format", "json").stdout)["alerts"]) == fired
