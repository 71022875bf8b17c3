#!/usr/bin/env python3
"""Run newsie over a JSON Lines corpus on Spark, as a streaming mapper.

Reads every file of an input folder as JSON Lines (`{"id": ..., "text": ...}`
per line), pipes each partition through the `newsie` binary
(`newsie extract --jsonl - --quiet`) and writes one JSON record per input line
to an output folder (Spark's `part-*` files, JSON Lines, in input order).

The binary is shipped to the workers by Spark itself (`SparkContext.addFile`,
or `spark-submit --files`), and it is self-contained (the entity model is
embedded), so the workers need no set-up at all.

    python examples/spark/newsie_spark.py IN_DIR OUT_DIR --newsie target/release/newsie
    spark-submit --master yarn --files target/release/newsie \
        examples/spark/newsie_spark.py hdfs:///corpus hdfs:///newsie-out

Two ways of piping are offered:

* the default wraps the binary the way `RDD.pipe` does (one process per
  partition, a thread feeding its stdin, its stdout read line by line), and
  adds what a production job needs: the binary is located on the worker with
  `SparkFiles.get`, exit status 1 ("some lines were bad, each has an error
  record") is accepted while a crash fails the task (so Spark retries it), the
  output must have exactly one line per input line, and the records of
  lines without an id are renamed `-:<n>` with `n` the line's number in the
  whole input, as a direct `newsie extract --jsonl -` run names them;
* `--plain-pipe` uses `RDD.pipe` itself, as the shortest possible job; there,
  error ids number the lines within each partition, and a crashing mapper
  goes unnoticed (`checkCode=True` would also reject exit status 1).
"""

import argparse
import collections
import json
import os
import shlex
import shutil
import subprocess
import sys
import threading
import time

from pyspark import SparkFiles
from pyspark.sql import SparkSession

# The name under which the binary is shipped to the workers.
BINARY_NAME = "newsie"
# Bytes of the mapper's stderr kept for the error message of a failed task.
STDERR_TAIL_BYTES = 4096


def newsie_command(binary, threads, extra_args):
    """The mapper's command line: JSON Lines in on stdin, out on stdout."""
    return [binary, "extract", "--jsonl", "-", "--quiet", "--threads", str(threads), *extra_args]


def _feed(lines, stdin, failure):
    """Writes one input line per document to the mapper's stdin, then closes it.

    Runs in its own thread so that reading the mapper's output never waits for
    the whole partition to be written (and no pipe buffer can deadlock)."""
    try:
        for line in lines:
            stdin.write(line.rstrip("\n").encode("utf-8"))
            stdin.write(b"\n")
    except BaseException as error:  # a dead mapper closes the pipe: report it after
        failure.append(error)
    finally:
        try:
            stdin.close()
        except OSError:
            pass


def _drain(stream, tail):
    """Keeps only the last bytes of the mapper's stderr, so it cannot fill up."""
    for chunk in iter(lambda: stream.read(1024), b""):
        tail.extend(chunk)
        del tail[:-STDERR_TAIL_BYTES]


def _global_id(line, local_number, global_number):
    """Renames a record `-:<local>` (a line without an id, numbered within
    this partition) to `-:<global>` (its number in the whole input), as a
    direct run names it. Other records are returned unchanged, unparsed."""
    prefix = '{"id":"-:%d",' % local_number
    if not line.startswith(prefix):
        return line
    renamed = '{"id":"-:%d",' % global_number + line[len(prefix):]
    if not line.startswith('"error":', len(prefix)):
        return renamed
    # An error record's message names the line too.
    record = json.loads(renamed)
    message = record["error"].get("message", "")
    old = "line %d:" % local_number
    if message.startswith(old):
        record["error"]["message"] = "line %d:%s" % (global_number, message[len(old):])
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def make_mapper(threads, extra_args):
    """A `mapPartitions` function: (line, index) pairs in, newsie records out."""

    def run_partition(numbered_lines):
        numbered_lines = iter(numbered_lines)
        first = next(numbered_lines, None)
        if first is None:
            return  # an empty partition: no process at all
        offset = first[1]  # 0-based index of the partition's first line
        counted = [0]

        def lines():
            for line, _ in _chain_first(first, numbered_lines):
                counted[0] += 1
                yield line

        binary = SparkFiles.get(BINARY_NAME)
        if not os.access(binary, os.X_OK):
            os.chmod(binary, 0o755)
        process = subprocess.Popen(
            newsie_command(binary, threads, extra_args),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        failure, tail = [], bytearray()
        feeder = threading.Thread(target=_feed, args=(lines(), process.stdin, failure), daemon=True)
        drainer = threading.Thread(target=_drain, args=(process.stderr, tail), daemon=True)
        feeder.start()
        drainer.start()
        written, finished = 0, False
        try:
            for raw in iter(process.stdout.readline, b""):
                written += 1
                line = raw.rstrip(b"\n").decode("utf-8")
                yield _global_id(line, written, offset + written)
            finished = True
        finally:
            # Spark may stop reading early (a `take`, a failed task): end
            # the mapper rather than leave it blocked on a full pipe.
            if not finished:
                process.kill()
        status = process.wait()
        feeder.join()
        drainer.join()
        stderr = bytes(tail).decode("utf-8", "replace").strip()
        if failure and not isinstance(failure[0], BrokenPipeError):
            raise failure[0]
        # 0: all lines were documents; 1: some were bad and have error records.
        if status not in (0, 1):
            raise RuntimeError("newsie exited with status %d: %s" % (status, stderr))
        if written != counted[0]:
            raise RuntimeError(
                "newsie wrote %d records for %d input lines: %s" % (written, counted[0], stderr)
            )

    return run_partition


def _chain_first(first, rest):
    yield first
    yield from rest


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="folder (or file, or glob) of JSON Lines files")
    parser.add_argument("output", help="output folder (must not exist)")
    parser.add_argument(
        "--newsie",
        help="path of the newsie binary on the driver, shipped with addFile; "
        "leave out when spark-submit --files already ships it",
    )
    parser.add_argument("--master", help="Spark master, e.g. local[2] (default: spark-submit's)")
    parser.add_argument("--partitions", type=int, help="minimum number of input partitions")
    parser.add_argument("--threads", type=int, default=1, help="newsie threads per mapper (default 1)")
    parser.add_argument(
        "--plain-pipe",
        action="store_true",
        help="use RDD.pipe itself (no exit status or line count checks)",
    )
    parser.add_argument(
        "--report-time",
        action="store_true",
        help="print the job's own time (without Spark's start) to stderr",
    )
    parser.add_argument(
        "--newsie-arg",
        action="append",
        default=[],
        help="extra argument for newsie extract, e.g. --newsie-arg=--only=sentences",
    )
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    # No console progress bar: it garbles the logs of batch jobs.
    builder = SparkSession.builder.appName("newsie").config("spark.ui.showConsoleProgress", "false")
    if args.master:
        builder = builder.master(args.master)
        if args.master.startswith("local"):
            # Local workers run on this machine: give them this python (the
            # one that has pyspark) rather than whatever `python3` is first
            # on PATH.
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    try:
        if args.newsie:
            binary = shutil.which(args.newsie) or args.newsie
            if os.path.basename(binary) != BINARY_NAME:
                sys.exit("the binary must be named %r to be found on the workers" % BINARY_NAME)
            sc.addFile(os.path.abspath(binary))
        started = time.monotonic()
        if args.partitions:
            lines = sc.textFile(args.input, minPartitions=args.partitions)
        else:
            lines = sc.textFile(args.input)
        if args.plain_pipe:
            # Spark copies added files into the driver's SparkFiles folder in
            # local mode and into each executor's working folder on a cluster.
            if sc.master.startswith("local"):
                binary = SparkFiles.get(BINARY_NAME)
            else:
                binary = "./" + BINARY_NAME
            command = shlex.join(newsie_command(binary, args.threads, args.newsie_arg))
            records = lines.pipe(command, checkCode=False)
        else:
            records = lines.zipWithIndex().mapPartitions(make_mapper(args.threads, args.newsie_arg))
        records.saveAsTextFile(args.output)
        if args.report_time:
            print("newsie_spark: job took %.2f s" % (time.monotonic() - started), file=sys.stderr)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
