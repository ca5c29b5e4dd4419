#!/usr/bin/env python3
"""A payment provider's refund endpoint for the crash test: checks the signature, records every request, and holds the
first request for each refund open without answering (the service is killed meanwhile); later ones are accepted.

  stub_provider.py PORT SECRET LOG      requests are appended to LOG as JSON lines
"""
import hashlib
import hmac
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, SECRET, LOG = int(sys.argv[1]), sys.argv[2].encode(), sys.argv[3]
seen = set()
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        valid = hmac.compare_digest(hmac.new(SECRET, body, hashlib.sha256).hexdigest(), self.headers.get("X-Signature", ""))
        refund = json.loads(body).get("refundId")
        with lock:
            first = refund not in seen
            seen.add(refund)
        answer = "held" if first else ("accepted" if valid else "refused")
        with open(LOG, "a") as log:
            log.write(json.dumps({"refundId": refund, "body": body.decode(), "valid": valid, "answer": answer}) + "\n")
        if first:
            time.sleep(600)  # never answered: the service dies with this request in flight
            return
        self.send_response(202 if valid else 401)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
