#!/usr/bin/env python3
"""Workbench latency: how long after an edit the updated plan is back (BENCHMARKS.md, "Workbench").

Starts `braid serve` (release build) on a scratch folder holding a copy of every shipped
scenario and a generated 10,000-applicant one, then, from this second process on loopback:
  1. one planner's edits, one after another (each waits for its plan): budget moves of the first
     money setting of each scenario, N times; median, 95th percentile and the largest;
  2. a load of concurrent edits: C clients editing the same scenario at once (each a newer edit
     than the last: the server answers the overtaken ones 409 at once and plans the newest).
Usage: bench/workbench_latency.py [--braid .build/release/braid] [--edits 10] [--clients 4]
"""
import argparse
import concurrent.futures
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def request(url, data=None, headers=None):
    req = urllib.request.Request(url, data=data, headers=headers or {})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=600) as response:
            body = response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        body, status = error.read(), error.code
    return status, body.decode("utf-8", "replace"), time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--braid", default=os.path.join(ROOT, ".build", "release", "braid"))
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--large", type=int, default=10000)
    parser.add_argument("--only", default="", help="a comma-separated list of scenario folders to time")
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="braid-latency-")
    for name in sorted(os.listdir(os.path.join(ROOT, "Scenarios"))):
        source = os.path.join(ROOT, "Scenarios", name)
        if os.path.exists(os.path.join(source, "scenario.yaml")):
            shutil.copytree(source, os.path.join(scratch, name))
    large = "generated-%d" % args.large
    subprocess.run([args.braid, "generate", "--participants", str(args.large), "--seed", "11", "--output",
                    os.path.join(scratch, large)], check=True, capture_output=True)
    server = subprocess.Popen([args.braid, "serve", scratch, "--port", "0", "--policies",
                               os.path.join(ROOT, "Policies"), "--time-limit", "120"],
                              stdout=subprocess.PIPE, text=True)
    try:
        url = "http://127.0.0.1:%s" % re.search(r":(\d+)/", server.stdout.readline()).group(1)
        print("| scenario | applicants | first page (baseline solve) | edit: median | p95 | max | fragment | %d concurrent: median | max | planned / overtaken |" % args.clients)
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        only = [n for n in args.only.split(",") if n]
        for name in sorted(n for n in os.listdir(scratch) if not n.startswith(".") and (not only or n in only)):
            status, page, first = request("%s/s/%s" % (url, name))
            if status != 200:
                print("| %s | failed: %s |" % (name, status))
                continue
            token = re.search(r'csrf-token" content="([0-9a-f]+)"', page).group(1)
            key, value = re.search(r'name="(set\.[^"]+)" value="[^"]*" min="[^"]*" step="any" data-baseline="([^"]+)"',
                                   page).groups()
            applicants = re.search(r"<b>\d+ of (\d+)</b>", page).group(1)
            headers = {"X-CSRF-Token": token, "X-Braid-Fragment": "1",
                       "Content-Type": "application/x-www-form-urlencoded"}

            def edit(i):
                new = round(float(value) * (0.55 + 0.07 * i), 2)
                data = ("%s=%s" % (key, new)).encode()
                return request("%s/s/%s/plan" % (url, name), data, headers)

            times, size = [], 0
            for i in range(args.edits):
                status, body, seconds = edit(i)
                assert status == 200, (name, status, body[:300])
                times.append(seconds)
                size = len(body)
            with concurrent.futures.ThreadPoolExecutor(args.clients) as pool:
                results = list(pool.map(edit, range(args.edits, args.edits + args.clients)))
            planned = [r[2] for r in results if r[0] == 200]
            overtaken = sum(1 for r in results if r[0] == 409)
            times.sort()
            p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
            print("| %s | %s | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f kB | %.0f ms | %.0f ms | %d / %d |" % (
                name, applicants, first * 1000, statistics.median(times) * 1000, p95 * 1000, times[-1] * 1000,
                size / 1000, statistics.median([r[2] for r in results]) * 1000,
                max(r[2] for r in results) * 1000, len(planned), overtaken))
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
