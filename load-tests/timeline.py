#!/usr/bin/env python3
"""Throughput and latency over time, and the HTML report with the plots (no dependencies beyond Python 3).

  timeline.py sample URL OUT.samples      every second, the service's own request histogram (/q/metrics), until killed
  timeline.py html OUTDIR                 OUTDIR/report.html: one chart per scenario from *.samples (wrk runs, from
                                          the service's histogram: requests/s, p50 and p99 per second) and
                                          *.timeline.csv (open-loop runs, from the driver: latency from the due time)
"""
import csv
import glob
import html
import json
import os
import re
import sys
import time
import urllib.request

LINE = re.compile(r'^http_server_requests_seconds_bucket\{(.*)\} ([0-9.eE+]+)$')
LE = re.compile(r'le="([^"]+)"')
URI = re.compile(r'uri="([^"]+)"')


def sample(url, out):
    with open(out, 'w') as f:
        while True:
            started = time.time()
            buckets = {}
            try:
                text = urllib.request.urlopen(url + '/q/metrics', timeout=2).read().decode()
                for line in text.splitlines():
                    m = LINE.match(line)
                    if m and '/q/' not in (URI.search(m.group(1)) or [None, ''])[1]:
                        le = LE.search(m.group(1)).group(1)
                        buckets[le] = buckets.get(le, 0) + float(m.group(2))
            except Exception:
                pass
            f.write(json.dumps({'t': round(started, 3), 'buckets': buckets}) + '\n')
            f.flush()
            time.sleep(max(0.0, 1.0 - (time.time() - started)))


def quantile(deltas, q):
    """Upper bound (ms) of the bucket holding quantile q of a cumulative-bucket delta."""
    total = deltas.get('+Inf', 0)
    if total <= 0:
        return None
    for le, count in sorted(((float(k), v) for k, v in deltas.items() if k != '+Inf')):
        if count >= q * total:
            return le * 1000
    return None


def from_samples(path):
    rows = [json.loads(line) for line in open(path) if line.strip()]
    points = []
    for a, b in zip(rows, rows[1:]):
        if not a['buckets'] or not b['buckets']:
            continue
        dt = b['t'] - a['t']
        d = {k: b['buckets'].get(k, 0) - a['buckets'].get(k, 0) for k in b['buckets']}
        points.append((round(b['t'] - rows[0]['t']), d.get('+Inf', 0) / dt, quantile(d, 0.5), quantile(d, 0.99)))
    return points


def from_timeline(path):
    series = {}
    for r in csv.DictReader(open(path)):
        series.setdefault(r['series'], []).append(
            (int(r['second']), float(r['requests']), float(r['p50_ms']), float(r['p99_ms'])))
    return series


def svg(title, points, width=760, height=220):
    """Two panels side by side: requests/s, and p50/p99 latency (ms, log scale)."""
    if not points:
        return ''
    def panel(x0, values, label, log, colours):
        w, h, pad = width / 2 - 20, height - 50, 40
        xs = [p[0] for p in points]
        flat = [v for series in values for v in series if v is not None and v > 0]
        if not flat:
            return ''
        lo, hi = (min(flat), max(flat)) if log else (0, max(flat))
        import math
        f = (lambda v: math.log10(v)) if log else (lambda v: v)
        lo_f, hi_f = f(lo) if log else 0, f(hi) if hi > 0 else 1
        if hi_f == lo_f:
            hi_f = lo_f + 1
        xmax = max(xs) or 1
        out = [f'<g transform="translate({x0},25)"><text x="{pad}" y="-8" font-size="12">{html.escape(label)}</text>',
               f'<rect x="{pad}" y="0" width="{w - pad}" height="{h}" fill="none" stroke="#ccc"/>']
        for series, colour in zip(values, colours):
            pts = [(pad + (x / xmax) * (w - pad), h - (f(v) - lo_f) / (hi_f - lo_f) * h)
                   for x, v in zip(xs, series) if v is not None and v > 0]
            out.append('<polyline fill="none" stroke="%s" stroke-width="1.5" points="%s"/>'
                       % (colour, ' '.join(f'{x:.1f},{y:.1f}' for x, y in pts)))
        out.append(f'<text x="{pad - 4}" y="10" font-size="10" text-anchor="end">{hi:.0f}</text>')
        out.append(f'<text x="{pad - 4}" y="{h}" font-size="10" text-anchor="end">{lo:.0f}</text>')
        out.append(f'<text x="{w}" y="{h + 14}" font-size="10" text-anchor="end">{xmax} s</text></g>')
        return ''.join(out)
    body = panel(0, [[p[1] for p in points]], 'requests/s', False, ['#1f77b4'])
    body += panel(width / 2, [[p[2] for p in points], [p[3] for p in points]], 'latency ms (log): p50 blue, p99 red',
                  True, ['#1f77b4', '#d62728'])
    return f'<h3>{html.escape(title)}</h3><svg width="{width}" height="{height}" font-family="sans-serif">{body}</svg>'


def report(outdir):
    parts = ['<!doctype html><meta charset="utf-8"><title>Huimin load test</title>',
             '<body style="font-family:sans-serif;max-width:800px">']
    md = os.path.join(outdir, 'report.md')
    if os.path.exists(md):
        parts.append('<pre>%s</pre>' % html.escape(open(md).read()))
    parts.append('<h2>Closed loop (wrk): the service\'s own histogram, per second</h2>')
    for path in sorted(glob.glob(os.path.join(outdir, '*.samples'))):
        parts.append(svg(os.path.basename(path)[:-8], from_samples(path)))
    parts.append('<h2>Open loop (RateDriver): latency from each request\'s due time, per second</h2>')
    for path in sorted(glob.glob(os.path.join(outdir, '*.timeline.csv'))):
        for name, points in from_timeline(path).items():
            parts.append(svg(f'{os.path.basename(path)[:-13]}: {name}', points))
    with open(os.path.join(outdir, 'report.html'), 'w') as f:
        f.write('\n'.join(parts))


if __name__ == '__main__':
    if sys.argv[1] == 'sample':
        sample(sys.argv[2], sys.argv[3])
    else:
        report(sys.argv[2])
