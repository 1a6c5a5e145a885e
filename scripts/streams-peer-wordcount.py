#!/usr/bin/env python3
"""Kafka's WordCountDemo written with quixstreams, the Python stream processor bench-streams.py compares against.

Same semantics as `samsa streams wordcount`: each line lower-cased and split on non-word characters (\\W+), the
words re-keyed through a repartition topic (quixstreams' group_by, Kafka Streams' groupBy), a count per word in
a RocksDB store backed by a changelog topic, and every updated count written to the output as String key ->
8-byte big-endian Long value. Runs until SIGTERM/SIGINT.

usage: streams-peer-wordcount.py BOOTSTRAP [--application-id ID] [--input T] [--output T] [--state-dir D]
       [--processing-guarantee at_least_once|exactly_once_v2]
Needs quixstreams (it pins its own confluent-kafka): python3 -m venv V && V/bin/pip install quixstreams
"""
import argparse
import re
import struct

from quixstreams import Application
from quixstreams.models.serializers import Serializer

ap = argparse.ArgumentParser()
ap.add_argument("bootstrap")
ap.add_argument("--application-id", default="quix-wordcount")
ap.add_argument("--input", default="streams-plaintext-input")
ap.add_argument("--output", default="streams-wordcount-output")
ap.add_argument("--state-dir", default="/tmp/quix-state")
ap.add_argument("--processing-guarantee", default="at_least_once", choices=["at_least_once", "exactly_once_v2"])
a = ap.parse_args()


class LongSerializer(Serializer):
    """Kafka's LongSerializer: 8 bytes, big-endian (quixstreams' own integer serializer writes 4)."""

    def __call__(self, value, ctx):
        return struct.pack(">q", value)


app = Application(
    broker_address=a.bootstrap,
    consumer_group=a.application_id,
    auto_offset_reset="earliest",
    state_dir=a.state_dir,
    processing_guarantee="exactly-once" if a.processing_guarantee == "exactly_once_v2" else "at-least-once",
    loglevel="WARNING",
)
lines = app.topic(a.input, key_deserializer="bytes", value_deserializer="string")
counts = app.topic(a.output, key_serializer="string", value_serializer=LongSerializer())

WORD = re.compile(r"\W+", re.ASCII)  # Java's \W: anything but [a-zA-Z0-9_]


def count(word, state):
    total = state.get("count", 0) + 1
    state.set("count", total)
    return total


sdf = app.dataframe(lines)
sdf = sdf.apply(lambda line: [w for w in WORD.split(line.lower()) if w], expand=True)
sdf = sdf.group_by(lambda word: word, name="word")
sdf = sdf.apply(count, stateful=True)
sdf.to_topic(counts)

if __name__ == "__main__":
    app.run()
