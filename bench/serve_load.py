"""`make bench` (last part): a bounded load test of `trialbridge serve` on loopback.

CLIENTS threads submit N site workbooks between them, each client uploading one workbook,
polling until it is checked, then taking the next, as a pipeline would. Every answer must be
2xx, every submission stored and checked with the findings that workbook always gives, and
the database must hold N submissions. Prints upload latency (POST until 202, the workbook
stored), end-to-end latency (POST until checked), throughput and the service's peak memory.

Usage: serve_load.py TRIALBRIDGE N CLIENTS WORKDIR
The workbooks are the example study's four site workbooks and the broken copy of site 02.
Then N more arrive at once, without waiting, to fill the queue: it must drain with none lost.
"""
import http.client
import json
import queue
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "fixtures" / "umin000015469"
BOOKS = [FIX / "site-01-hamamatsu.xlsx", FIX / "site-02-mikatahara.xlsx", FIX / "site-03-shizuoka.xlsx",
         FIX / "site-04-hamamatsu-mc.xlsx", FIX / "broken" / "site-02-mikatahara.xlsx"]
BOUNDARY = "trialbridge-load-boundary"
POLL = 0.05


def multipart(site, name, data):
    head = (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"site\"\r\n\r\n{site}\r\n"
            f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode()
    return head + data + f"\r\n--{BOUNDARY}--\r\n".encode()


def request(conn, method, path, body=None, headers=None):
    conn.request(method, path, body=body, headers=headers or {})
    res = conn.getresponse()
    return res.status, res.read()


def until_checked(conn, sid, failures):
    """Polls a submission until its check is done or failed: its answer, or None after a
    non-200 answer (recorded in failures)."""
    while True:
        status, body = request(conn, "GET", f"/api/submissions/{sid}")
        if status != 200:
            failures.append(f"status of {sid}: {status} {body[:200]!r}")
            return None
        v = json.loads(body)
        if v["status"] in ("done", "failed"):
            return v
        time.sleep(POLL)


def client(host, port, jobs, results, failures, wait=True):
    conn = http.client.HTTPConnection(host, port, timeout=120)
    while True:
        try:
            i, book = jobs.get_nowait()
        except queue.Empty:
            return
        data = book.read_bytes()
        site = book.name.split("-")[1]
        t0 = time.perf_counter()
        status, body = request(conn, "POST", "/api/submissions", multipart(site, book.name, data),
                               {"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"})
        uploaded = time.perf_counter() - t0
        if status != 202:
            failures.append(f"upload {i}: {status} {body[:200]!r}")
            continue
        sid = json.loads(body)["id"]
        if not wait:
            results.append((i, book, sid, None, uploaded, None))
            continue
        v = until_checked(conn, sid, failures)
        if v is not None:
            results.append((i, book, sid, v, uploaded, time.perf_counter() - t0))


def start(tb, work):
    db = work / "load.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    proc = subprocess.Popen([tb, "serve", "--study", str(ROOT / "fixtures" / "umin000015469.study.toml"),
                             "--addr", "127.0.0.1:0", "--db", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    addr = line.split("http://")[1].split("/")[0]
    host, port = addr.rsplit(":", 1)
    return proc, host, int(port)


def clients_send(host, port, n, clients, wait):
    """N uploads shared by CLIENTS threads: (results, failures, wall seconds)."""
    jobs = queue.Queue()
    for i in range(n):
        jobs.put((i, BOOKS[i % len(BOOKS)]))
    results, failures = [], []
    threads = [threading.Thread(target=client, args=(host, port, jobs, results, failures, wait))
               for _ in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, failures, time.perf_counter() - t0


def burst_phase(host, port, n, clients):
    """N more uploads as fast as the clients can send them, then every one polled until
    checked: the queue grows to nearly N and must drain with none lost. Returns the
    uploads, failures, and seconds from the first upload until the last is checked."""
    t0 = time.perf_counter()
    sent, failures, _ = clients_send(host, port, n, clients, wait=False)
    conn = http.client.HTTPConnection(host, port, timeout=60)
    checked = []
    for i, book, sid, _, uploaded, _ in sent:
        v = until_checked(conn, sid, failures)
        if v is not None:
            checked.append((i, book, sid, v, uploaded, None))
    return checked, failures, time.perf_counter() - t0


def peak_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]


def main():
    tb, n, clients, work = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4])
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    proc, host, port = start(tb, work)
    try:
        results, failures, wall = clients_send(host, port, n, clients, wait=True)
        burst, burst_failures, drain = burst_phase(host, port, n, clients)
        failures += burst_failures
        peak = peak_mb(proc.pid)
        conn = http.client.HTTPConnection(host, port, timeout=60)
        stored = sum(request(conn, "GET", f"/api/submissions/{r[2]}")[0] == 200 for r in results)
        last = json.loads(request(conn, "GET", f"/api/submissions/{2 * n}")[1]) if n else {}
    finally:
        proc.terminate()
        proc.wait()
    # The same workbook gives the same findings every time, whoever sent it and when.
    counts = {}
    for _, book, _, v, _, _ in results + burst:
        counts.setdefault(str(book), set()).add(json.dumps([v["summary"], sorted(f["code"] for f in v["findings"] or [])]))
    unstable = {b: c for b, c in counts.items() if len(c) > 1}
    not_done = [r[2] for r in results + burst if r[3]["status"] != "done"]
    ok = not failures and not unstable and not not_done and len(results) == n and stored == n \
        and last.get("id") == 2 * n and len(burst) == n
    up = [r[4] * 1000 for r in results]
    e2e = [r[5] * 1000 for r in results]
    print(f"serve under load: {n} workbook uploads from {clients} concurrent clients on loopback "
          f"({len(BOOKS)} distinct workbooks, each client waits for its check before the next, polling every {POLL * 1000:.0f} ms)")
    print(f"{'':<26} {'p50':>9} {'p95':>9} {'max':>9}")
    if results:
        print(f"{'upload stored (202)':<26} {pct(up, 50):>7.1f}ms {pct(up, 95):>7.1f}ms {max(up):>7.1f}ms")
        print(f"{'upload until checked':<26} {pct(e2e, 50):>7.1f}ms {pct(e2e, 95):>7.1f}ms {max(e2e):>7.1f}ms")
    print(f"throughput {len(results) / wall:.1f} submissions checked per second ({wall:.1f} s wall), "
          f"service peak {peak:.0f} MB; {len(results)} checked, {stored} stored, "
          f"{len(failures)} error responses, mean {statistics.mean(e2e) if e2e else 0:.0f} ms until checked")
    up_burst = [r[4] * 1000 for r in burst]
    if burst:
        print(f"then {len(burst)} uploads at once, not waiting: upload p50 {pct(up_burst, 50):.1f} ms, "
              f"p95 {pct(up_burst, 95):.1f} ms; the queue drained in {drain:.1f} s "
              f"({len(burst) / drain:.1f} checked per second), none lost")
    for b in BOOKS:
        mine = [r[3]["summary"] for r in results + burst if r[1] == b]
        if mine:
            print(f"  {b.relative_to(FIX)}: {len(mine)} submissions, each {mine[0]['error']} errors, "
                  f"{mine[0]['warning']} warnings, {mine[0]['notice']} notices")
    for f in failures[:10]:
        print("  error:", f)
    for b, c in unstable.items():
        print("  different findings for the same workbook:", b, c)
    if not ok:
        print("serve load test FAILED")
        sys.exit(1)


if __name__ == "__main__":
    main()
