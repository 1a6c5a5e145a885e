#!/usr/bin/env python3
"""Security benchmark on one `samsa server` with four listeners (PLAINTEXT, SSL, SASL_PLAINTEXT and SASL_SSL, the
SASL ones logging in with SCRAM-SHA-256): produce and consume through each in turn with the same librdkafka client
(confluent-kafka, kbench.py's settings: 3 partitions, acks=1, linger.ms=5), then full SASL logins per second.

usage: scripts/bench-security.py path/to/samsa [--messages N] [--sizes 100 1000] [--runs R]
                                 [--login-seconds S] [--workers W] [--skip-throughput] [--skip-logins]

A login is a fresh TCP (and TLS) connection, ApiVersions, SaslHandshake v1 and SaslAuthenticate v1 (one round trip
for PLAIN, two for SCRAM), on raw sockets (Tests/compat/rawkafka.py's framing). SCRAM logins are timed twice: as a
fresh client does them (PBKDF2 of the password, `iterations` rounds, on the client every login) and with the
client's salted password cached (what the broker alone can sustain: the broker stores salted keys and never runs
PBKDF2 at login). Users are made with `--add-scram` at 4096 iterations (Kafka's minimum and the default) and 8192.
Certificates come from Tests/compat/security_certs.py (openssl, a temporary directory); ports from the OS.
Prints one JSON line per measurement, then markdown tables of the medians over the runs.
"""
import argparse, base64, hashlib, hmac, json, multiprocessing, os, shutil, socket, ssl, statistics, struct
import subprocess, sys, tempfile, time, uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "compat"))
import rawkafka  # noqa: E402
from security_certs import make_certs  # noqa: E402

PASSWORD = "bench-secret"
USERS = {4096: "alice", 8192: "bob"}  # iterations -> user
LISTENERS = ("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load_average():
    return " ".join(open("/proc/loadavg").read().split()[:3])


# Throughput: kbench.py's producer and consumer, with the listener's security settings.

def throughput(listener, conf, messages, size, pid):
    from confluent_kafka import Consumer, Producer, TopicPartition
    from confluent_kafka.admin import AdminClient, NewTopic
    topic = f"bench-{listener.lower()}-{uuid.uuid4().hex[:6]}"
    admin = AdminClient(conf)
    admin.create_topics([NewTopic(topic, 3, 1)])[topic].result(30)
    time.sleep(0.5)
    payload, errors = b"x" * size, [0]
    producer = Producer({**conf, "acks": "1", "linger.ms": 5, "batch.num.messages": 10000,
                         "queue.buffering.max.messages": 2_000_000, "compression.type": "none"})
    cpu0, t0 = cpu_seconds(pid), time.perf_counter()
    for i in range(messages):
        while True:
            try:
                producer.produce(topic, payload, on_delivery=lambda err, _: err and errors.__setitem__(0, errors[0] + 1))
                break
            except BufferError:
                producer.poll(0.01)
        if i % 10000 == 0:
            producer.poll(0)
    unflushed = producer.flush(120)
    produce_s = time.perf_counter() - t0
    consumer = Consumer({**conf, "group.id": f"g-{uuid.uuid4().hex[:6]}", "enable.auto.commit": False,
                         "fetch.max.bytes": 52428800, "max.partition.fetch.bytes": 10485760})
    consumer.assign([TopicPartition(topic, p, -2) for p in range(3)])  # no group protocol: the fetch path alone
    got, first, deadline = 0, None, time.time() + 300
    while got < messages and time.time() < deadline:
        batch = consumer.consume(10000, 1.0)
        if batch and first is None:
            first = time.perf_counter()
        got += sum(1 for m in batch if m.error() is None)
    consume_s = time.perf_counter() - (first or time.perf_counter())
    cpu = cpu_seconds(pid) - cpu0
    consumer.close()
    admin.delete_topics([topic])[topic].result(30)  # keeps the disk from filling over many runs
    if got < messages or errors[0] + unflushed:
        print(f"warning: {listener}: {got} of {messages} records read back, {errors[0] + unflushed} produce errors",
              file=sys.stderr)
    megabytes = messages * size / 1e6
    return {"listener": listener, "messages": messages, "size": size, "produce_errors": errors[0] + unflushed,
            "produce_msgs_s": round(messages / produce_s), "produce_MB_s": round(megabytes / produce_s, 1),
            "consumed": got, "consume_msgs_s": round(got / consume_s) if consume_s > 0 else None,
            "consume_MB_s": round(got * size / 1e6 / consume_s, 1) if consume_s > 0 else None,
            "broker_cpu_s_per_GB": round(cpu / (2 * megabytes / 1000), 2)}


# Logins on raw sockets.

def exchange(sock, api_key, version, correlation, body):
    sock.sendall(rawkafka.request(api_key, version, correlation, body, client_id=b"bench"))
    return rawkafka.read_frame(sock)[4:]  # after the correlation id


def authenticate(sock, token, correlation):
    """SaslAuthenticate v1: (error code, auth bytes)."""
    answer = exchange(sock, 36, 1, correlation, struct.pack(">i", len(token)) + token)
    error, length = struct.unpack(">hh", answer[:4])
    offset = 4 + max(length, 0)
    size = struct.unpack(">i", answer[offset:offset + 4])[0]
    return error, answer[offset + 4:offset + 4 + max(size, 0)]


def login(port, mechanism, user, context, salted_cache):
    """One full login on a fresh connection; True if the broker accepted it (and, for SCRAM, proved itself)."""
    raw = socket.create_connection(("127.0.0.1", port))
    raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock = context.wrap_socket(raw, server_hostname="localhost") if context else raw
    try:
        exchange(sock, 18, 0, 1, b"")  # ApiVersions, as clients send first
        name = mechanism.encode()
        if struct.unpack(">h", exchange(sock, 17, 1, 2, struct.pack(">h", len(name)) + name)[:2])[0] != 0:
            raise SystemExit(f"SaslHandshake refused {mechanism}")
        if mechanism == "PLAIN":
            return authenticate(sock, f"\0{user}\0{PASSWORD}".encode(), 3)[0] == 0
        digest = "sha256" if mechanism.endswith("256") else "sha512"
        bare = f"n={user},r={base64.b64encode(os.urandom(18)).decode()}"
        error, server_first = authenticate(sock, ("n,," + bare).encode(), 3)
        if error:
            return False
        fields = dict(part.split("=", 1) for part in server_first.decode().split(","))
        key = (mechanism, fields["s"], int(fields["i"]))
        salted = salted_cache.get(key) if salted_cache is not None else None
        if salted is None:
            salted = hashlib.pbkdf2_hmac(digest, PASSWORD.encode(), base64.b64decode(fields["s"]), int(fields["i"]))
            if salted_cache is not None:
                salted_cache[key] = salted
        client_key = hmac.new(salted, b"Client Key", digest).digest()
        without_proof = f"c=biws,r={fields['r']}"
        auth_message = f"{bare},{server_first.decode()},{without_proof}".encode()
        signature = hmac.new(hashlib.new(digest, client_key).digest(), auth_message, digest).digest()
        proof = base64.b64encode(bytes(a ^ b for a, b in zip(client_key, signature))).decode()
        error, server_final = authenticate(sock, f"{without_proof},p={proof}".encode(), 4)
        server_key = hmac.new(salted, b"Server Key", digest).digest()
        expected = base64.b64encode(hmac.new(server_key, auth_message, digest).digest()).decode()
        return error == 0 and server_final.decode() == f"v={expected}"
    finally:
        sock.close()


def login_worker(job):
    """Logs in again and again until `seconds` have passed: (logins, failures)."""
    port, mechanism, user, ca, cached, seconds = job
    context = ssl.create_default_context(cafile=ca) if ca else None
    cache = {} if cached else None
    if cached:
        login(port, mechanism, user, context, cache)  # fills the cache outside the timed part
    done = failed = 0
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        if login(port, mechanism, user, context, cache):
            done += 1
        else:
            failed += 1
    return done, failed


def logins_per_second(pool, port, mechanism, user, ca, cached, workers, seconds, pid):
    cpu0, t0 = cpu_seconds(pid), time.perf_counter()
    results = pool.map(login_worker, [(port, mechanism, user, ca, cached, seconds)] * workers)
    elapsed, cpu = time.perf_counter() - t0, cpu_seconds(pid) - cpu0
    done, failed = sum(r[0] for r in results), sum(r[1] for r in results)
    if failed or not done:
        raise SystemExit(f"{mechanism} as {user}: {failed} logins refused, {done} accepted")
    # A caching worker's first login falls outside its timed part but inside the broker CPU measured.
    served = done + (workers if cached else 0)
    return {"logins_s": round(done / seconds), "broker_cpu_ms_per_login": round(1000 * cpu / served, 3),
            "elapsed_s": round(elapsed, 2)}


def pbkdf2_ms(digest, iterations):
    start, count = time.perf_counter(), 50
    for _ in range(count):
        hashlib.pbkdf2_hmac(digest, PASSWORD.encode(), os.urandom(16), iterations)
    return round(1000 * (time.perf_counter() - start) / count, 3)


def start_server(samsa, work, certs):
    ports = {name: free_port() for name in LISTENERS}
    jaas = ('org.apache.kafka.common.security.plain.PlainLoginModule required '
            + " ".join(f'user_{user}="{PASSWORD}"' for user in USERS.values()) + ";")
    properties = {"listeners": ",".join(f"{name}://127.0.0.1:{port}" for name, port in ports.items()),
                  "ssl.keystore.type": "PEM", "ssl.keystore.location": certs.server_keystore,
                  "sasl.enabled.mechanisms": "PLAIN,SCRAM-SHA-256,SCRAM-SHA-512",
                  "listener.name.sasl_plaintext.plain.sasl.jaas.config": jaas,
                  "listener.name.sasl_ssl.plain.sasl.jaas.config": jaas}
    path = os.path.join(work, "server.properties")
    with open(path, "w") as f:
        f.writelines(f"{key}={value}\n" for key, value in properties.items())
    scram = [arg for iterations, user in USERS.items() for mechanism in ("SCRAM-SHA-256", "SCRAM-SHA-512")
             for arg in ("--add-scram", f"{mechanism}=[name={user},password={PASSWORD},iterations={iterations}]")]
    log = open(os.path.join(work, "server.log"), "w")
    server = subprocess.Popen([samsa, "server", "--config", path, "--data-dir", os.path.join(work, "data"),
                               "--log-level", "warning", *scram], stdout=log, stderr=subprocess.STDOUT)
    try:
        rawkafka.wait_until_serving("127.0.0.1", ports["PLAINTEXT"], timeout=60)
    except OSError:
        server.kill()
        raise SystemExit("samsa server did not start:\n" + open(log.name).read()[-2000:])
    return server, ports


def client_configs(ports, ca):
    sasl = {"sasl.mechanism": "SCRAM-SHA-256", "sasl.username": USERS[4096], "sasl.password": PASSWORD}
    tls = {"ssl.ca.location": ca}
    extra = {"PLAINTEXT": {}, "SSL": tls, "SASL_PLAINTEXT": sasl, "SASL_SSL": {**tls, **sasl}}
    return {name: {"bootstrap.servers": f"127.0.0.1:{ports[name]}", "security.protocol": name, **extra[name]}
            for name in LISTENERS}


def median(rows, key):
    values = [row[key] for row in rows if row.get(key) is not None]
    return statistics.median(values) if values else None


def print_tables(throughputs, logins, pbkdf2, runs):
    print(f"\nMedians of {runs} run(s).\n")
    if throughputs:
        print("| record size | listener | produce msgs/s (MB/s) | consume msgs/s (MB/s) | broker CPU s/GB |")
        print("|---|---|---|---|---|")
        for (size, listener), rows in throughputs.items():
            print(f"| {size} B | {listener} | {median(rows, 'produce_msgs_s'):,.0f} ({median(rows, 'produce_MB_s'):.1f}) "
                  f"| {median(rows, 'consume_msgs_s'):,.0f} ({median(rows, 'consume_MB_s'):.1f}) "
                  f"| {median(rows, 'broker_cpu_s_per_GB'):.2f} |")
    if logins:
        print("\n| mechanism | listener | iterations | client | logins/s, 1 connection at a time | "
              "logins/s, 4 at once | broker CPU ms/login (4 at once) |")
        print("|---|---|---|---|---|---|---|")
        for (mechanism, listener, iterations, cached), by_workers in logins.items():
            cells = [f"{median(rows, 'logins_s'):,.0f}" for rows in by_workers.values()]
            client = "—" if mechanism == "PLAIN" else ("salted password cached" if cached else "PBKDF2 every login")
            print(f"| {mechanism} | {listener} | {iterations or '—'} | {client} | {' | '.join(cells)} "
                  f"| {median(list(by_workers.values())[-1], 'broker_cpu_ms_per_login'):.3f} |")
        print("\nClient PBKDF2 (Python hashlib, one core): "
              + ", ".join(f"{d} × {i}: {ms} ms" for (d, i), ms in pbkdf2.items()))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("samsa")
    ap.add_argument("--messages", type=int, default=1_000_000)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--login-seconds", type=float, default=3.0, help="per measurement and worker")
    ap.add_argument("--workers", type=int, default=4, help="concurrent logins in the second column")
    ap.add_argument("--skip-throughput", action="store_true")
    ap.add_argument("--skip-logins", action="store_true")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="samsa-bench-security-")
    os.mkdir(os.path.join(work, "certs"))
    certs = make_certs(os.path.join(work, "certs"))
    server, ports = start_server(args.samsa, work, certs)
    throughputs, logins = {}, {}
    cases = [("PLAIN", "SASL_PLAINTEXT", None, False)]
    for mechanism in ("SCRAM-SHA-256", "SCRAM-SHA-512"):
        for iterations in USERS:
            cases += [(mechanism, "SASL_PLAINTEXT", iterations, False), (mechanism, "SASL_PLAINTEXT", iterations, True)]
    cases += [("SCRAM-SHA-256", "SASL_SSL", 4096, False), ("SCRAM-SHA-256", "SASL_SSL", 4096, True)]
    try:
        print(json.dumps({"load_average_at_start": load_average(), "ports": ports}), flush=True)
        configs = client_configs(ports, certs.ca)
        with multiprocessing.Pool(args.workers) as pool:
            for run in range(1, args.runs + 1):
                for size in ([] if args.skip_throughput else args.sizes):
                    for listener in LISTENERS:
                        row = throughput(listener, configs[listener], args.messages, size, server.pid)
                        row.update(run=run, load=load_average())
                        print(json.dumps(row), flush=True)
                        throughputs.setdefault((size, listener), []).append(row)
                for case in ([] if args.skip_logins else cases):
                    mechanism, listener, iterations, cached = case
                    user = USERS[iterations or 4096]
                    ca = certs.ca if listener == "SASL_SSL" else None
                    for workers in (1, args.workers):
                        row = logins_per_second(pool, ports[listener], mechanism, user, ca, cached, workers,
                                                args.login_seconds, server.pid)
                        row.update(run=run, mechanism=mechanism, listener=listener, iterations=iterations,
                                   cached=cached, workers=workers, load=load_average())
                        print(json.dumps(row), flush=True)
                        logins.setdefault(case, {}).setdefault(workers, []).append(row)
        pbkdf2 = {} if args.skip_logins else {(d, i): pbkdf2_ms(d, i) for d in ("sha256", "sha512") for i in USERS}
        print(json.dumps({"load_average_at_end": load_average()}), flush=True)
        print_tables(throughputs, logins, pbkdf2, args.runs)
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
