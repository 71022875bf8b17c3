#!/usr/bin/env python3
"""Run newsie over a JSON Lines corpus on Spark, in-process, with the wheel.

The other example (`newsie_spark.py`) pipes partitions through the `newsie`
binary. This one imports the `newsie` Python package on the executors and
annotates each partition with `RDD.mapPartitions`: no subprocess, no pipe,
records built directly from Python strings. Install the wheel where the
executors run (a cluster's Python environment, or `spark-submit
--py-files`/`--archives` with a packed virtualenv); see README.md.

    python examples/spark/newsie_spark_wheel.py IN_DIR OUT_DIR --master 'local[2]'

Each input line is `{"id": ..., "text": ...}`; each output line is the
record of `Record.to_dict()`: the output contract's JSON shape with offsets
in code points (Python string indices), since that is what Python readers of
the output index with. A line that is not JSON, has no string `text`, or is
too large gives an error record, as `newsie extract --jsonl` does; every
input line yields exactly one output line, in input order within each
partition, and a line without an id is named `-:<n>`, `n` its 1-based
number in the whole input.
"""

import argparse
import json
import sys

from pyspark.sql import SparkSession

# The pipeline of this executor's Python worker, built on first use: loading
# the embedded model takes a moment, so it is done once per worker process,
# not once per partition or per line.
_PIPELINE = None


def _pipeline(max_doc_mb):
    global _PIPELINE
    if _PIPELINE is None:
        import newsie

        _PIPELINE = newsie.Pipeline(max_doc_mb=max_doc_mb)
    return _PIPELINE


def _error_record(doc_id, kind, message):
    return {"id": doc_id, "error": {"kind": kind, "message": message}}


def _items(numbered_lines, bad):
    """(text, id) pairs for the pipeline; lines that are no document go to
    `bad` (position in the partition -> error record) and yield a
    placeholder text that is never annotated."""
    for position, (line, number) in enumerate(numbered_lines):
        fallback_id = f"-:{number + 1}"
        try:
            value = json.loads(line)
        except ValueError as error:
            bad[position] = _error_record(fallback_id, "bad_json", str(error))
            yield ("", fallback_id)
            continue
        doc_id = value.get("id") if isinstance(value, dict) else None
        doc_id = str(doc_id) if isinstance(doc_id, (str, int)) else fallback_id
        text = value.get("text") if isinstance(value, dict) else None
        if not isinstance(text, str):
            bad[position] = _error_record(doc_id, "no_text", "the line has no string `text` field")
            yield ("", doc_id)
            continue
        yield (text, doc_id)


def make_mapper(max_doc_mb, threads, batch_size):
    def annotate_partition(numbered_lines):
        pipeline = _pipeline(max_doc_mb)
        bad = {}
        records = pipeline.pipe(_items(numbered_lines, bad), threads=threads, batch_size=batch_size)
        for position, record in enumerate(records):
            out = bad.pop(position, None) or record.to_dict()
            yield json.dumps(out, ensure_ascii=False)

    return annotate_partition


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="folder (or file, or glob) of JSON Lines files")
    parser.add_argument("output", help="output folder (must not exist)")
    parser.add_argument("--master", help="Spark master, e.g. local[2] (default: spark-submit's)")
    parser.add_argument("--partitions", type=int, help="minimum number of input partitions")
    parser.add_argument(
        "--threads", type=int, default=1, help="newsie threads per Python worker (default 1)"
    )
    parser.add_argument(
        "--batch-size", type=int, default=64, help="documents per batch of Pipeline.pipe (default 64)"
    )
    parser.add_argument(
        "--max-doc-mb", type=float, default=16.0, help="largest text annotated, in MiB (default 16)"
    )
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    builder = SparkSession.builder.appName("newsie-wheel")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        sc = spark.sparkContext
        lines = sc.textFile(args.input, minPartitions=args.partitions)
        out = lines.zipWithIndex().mapPartitions(
            make_mapper(args.max_doc_mb, args.threads, args.batch_size)
        )
        out.saveAsTextFile(args.output)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
