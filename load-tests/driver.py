#!/usr/bin/env python3
"""Load-test driver: seeds data through the real API and checks the database against what the clients counted.

Standard library only (the machines reach no PyPI); tokens are signed with the dev key through openssl, which
only the service started by these scripts trusts. Everything targets 127.0.0.1.

  driver.py smoke --urls A,B --key PEM --secret S --psql "psql ... -Atc"
      two-instance races (enrolment, payment, settlement storm) and their database checks
  driver.py seed --urls A --key PEM --secret S --psql ... --participants N --policies M
      realistic volumes for the wrk scenarios, and the request files they replay
"""
import argparse
import base64
import collections
import concurrent.futures
import datetime
import hashlib
import hmac
import json
import random
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"
SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))


def id_number(county, n):
    """A valid ID number, unique for n < 9,000,000 per county."""
    born = datetime.date(1940, 1, 1) + datetime.timedelta(days=(n // 900) % 25000)
    first17 = f"{county}{born:%Y%m%d}{100 + n % 900:03d}"
    return first17 + CHECK[sum(int(first17[i]) * WEIGHTS[i] for i in range(17)) % 11]


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class Tokens:
    def __init__(self, key):
        self.key = key
        self.cache = {}
        self.lock = threading.Lock()

    def get(self, role, **claims):
        if role in ("bureau", "regulator"):
            # They act for a region (a token without one sees and may push nothing): the load tests' province.
            claims.setdefault("region", "210000")
        cache_key = (role, tuple(sorted(claims.items())))
        with self.lock:
            if cache_key in self.cache:
                return self.cache[cache_key]
        now = int(time.time())
        payload = {"iss": "huimin-dev", "sub": f"{role}-{'-'.join(map(str, claims.values())) or 'lt'}",
                   "iat": now, "exp": now + 7200, "groups": [role], **claims}
        content = b64url(json.dumps({"alg": "RS256", "typ": "JWT"}).encode()) + "." + b64url(json.dumps(payload).encode())
        signature = subprocess.run(["openssl", "dgst", "-sha256", "-sign", self.key], input=content.encode(),
                                   capture_output=True, check=True).stdout
        token = content + "." + b64url(signature)
        with self.lock:
            self.cache[cache_key] = token
        return token


class Api:
    def __init__(self, urls, tokens, secret):
        self.urls = urls
        self.tokens = tokens
        self.secret = secret

    def call(self, method, path, body=None, token=None, headers=None, instance=0, timeout=60):
        data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        request = urllib.request.Request(self.urls[instance % len(self.urls)] + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", "Bearer " + token)
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            text = error.read()
            try:
                return error.code, json.loads(text)
            except ValueError:
                return error.code, text.decode(errors="replace")

    def pay(self, order_id, amount, paid_at, transaction=None, instance=0):
        body = json.dumps({"orderId": order_id, "transactionId": transaction or f"TX-{order_id}",
                           "amount": amount, "paidAt": paid_at}).encode()
        signature = hmac.new(self.secret.encode(), body, hashlib.sha256).hexdigest()
        return self.call("POST", "/api/v1/payments/notifications", body, headers={"X-Signature": signature},
                         instance=instance)


def plan_body(code, today, deductible="20000.00", caps=("1000000.00", "1000000.00"), waiting_days=30):
    return {"code": code, "name": f"压测 {code}", "region": "210000",
            "planYear": (today - datetime.timedelta(days=100)).year, "premium": 69.00,
            "enrolmentOpens": str(today - datetime.timedelta(days=120)),
            "enrolmentCloses": str(today + datetime.timedelta(days=30)),
            "coverageStarts": str(today - datetime.timedelta(days=100)),
            "coverageEnds": str(today + datetime.timedelta(days=265)), "lateEnrolmentWaitingDays": waiting_days,
            "coveredCareTypes": ["INPATIENT", "EMERGENCY", "DAY_SURGERY", "CHRONIC_SPECIAL_OUTPATIENT"],
            "deductibles": {"MAIN": float(deductible)},
            "liabilities": [{"code": "IN_POLICY", "deductibleGroup": "MAIN", "ratio": 0.80, "annualCap": float(caps[0])},
                            {"code": "OUT_OF_POLICY", "deductibleGroup": "MAIN", "ratio": 0.50, "annualCap": float(caps[1])}],
            "insurers": [{"code": "PICC", "share": 0.40}, {"code": "CPIC", "share": 0.35}, {"code": "PAIC", "share": 0.25}]}


def name_of(idn):
    """The name the bureau holds for a load-test person (an enrolment must give the same)."""
    return "参保人" + idn[-4:]


def now_shanghai():
    return datetime.datetime.now(SHANGHAI).replace(microsecond=0).isoformat()


def participant(idn, county, seq=1, kind="RESIDENT"):
    return {"idNumber": idn, "name": name_of(idn), "countyCode": county, "insuranceType": kind,
            "status": "ACTIVE", "basicBenefitsFrom": "2020-01-01", "lowIncome": False, "seq": seq}


def settlement(sid, idn, admission, in_policy, out_policy):
    total = 70000 + in_policy + out_policy
    return {"settlementId": sid, "idNumber": idn, "careType": "INPATIENT", "admissionDate": admission,
            "dischargeDate": admission, "totalAmount": total, "basicFundPaid": 60000.00, "criticalIllnessPaid": 10000.00,
            "medicalAssistancePaid": 0.00, "otherFundPaid": 0.00, "inPolicySelfPay": in_policy,
            "outOfPolicySelfPay": out_policy, "overLimitSelfPay": 0.00}


def parallel(n_threads, calls):
    with concurrent.futures.ThreadPoolExecutor(n_threads) as pool:
        return list(pool.map(lambda call: call(), calls))


class Checks:
    def __init__(self):
        self.rows = []

    def expect(self, name, actual, expected):
        ok = actual == expected
        self.rows.append((name, str(actual), str(expected), "ok" if ok else "FAIL"))
        return ok

    def report(self):
        width = max(len(r[0]) for r in self.rows)
        print(f"{'check':<{width}}  {'actual':>14}  {'expected':>14}  result")
        for name, actual, expected, result in self.rows:
            print(f"{name:<{width}}  {actual:>14}  {expected:>14}  {result}")
        failed = sum(1 for r in self.rows if r[3] != "ok")
        print(f"{len(self.rows) - failed} passed, {failed} failed")
        return failed == 0


def sql(psql, query):
    return subprocess.run(psql.split() + [query], capture_output=True, text=True, check=True).stdout.strip()


def smoke(args):
    tokens = Tokens(args.key)
    api = Api(args.urls.split(","), tokens, args.secret)
    checks = Checks()
    today = datetime.datetime.now(SHANGHAI).date()
    code = "LT-" + uuid.uuid4().hex[:6].upper()
    operator = tokens.get("operator")
    # Benefits start on the payment date (no late-enrolment wait), so that the storm's admissions today are covered.
    status, body = api.call("POST", "/api/v1/plans", plan_body(code, today, "1000.00", ("10000.00", "5000.00"), 0), operator)
    assert status == 201, body
    bureau = tokens.get("bureau")
    base = random.randrange(0, 4_000_000)
    people = [id_number("210102", base + i) for i in range(260)]
    status, body = api.call("PUT", "/api/v1/bureau/participants",
                            {"records": [participant(p, "210102") for p in people]}, bureau)
    checks.expect("participants applied", body["applied"], len(people))

    # 1. An organisation enrols 200 people and pays once: 200 active policies, benefits from coverage start.
    org = tokens.get("org", org_code="LT-ORG", org_type="EMPLOYER")
    members = [{"idNumber": p, "name": name_of(p), "consent": True} for p in people[:200]]
    status, body = api.call("POST", "/api/v1/org/enrolments", {"plan": code, "members": members}, org,
                            headers={"Idempotency-Key": code})
    status, paid = api.pay(body["orderId"], body["amount"], now_shanghai())
    checks.expect("org order activated", len([p for p in paid["policies"] if p["status"] == "ACTIVE"]), 200)

    # 2. Enrolment race across the two instances: 40 different keys for one person → one policy.
    racer = people[200]
    insured = tokens.get("insured", id_number=racer)
    enrolment = {"plan": code, "payer": "SELF",
                 "members": [{"idNumber": racer, "name": name_of(racer), "relation": "SELF", "consent": True}]}
    results = parallel(40, [lambda i=i: api.call("POST", "/api/v1/enrolments", enrolment, insured,
                                                 headers={"Idempotency-Key": f"race-{i}"}, instance=i)
                            for i in range(40)])
    created = [b for s, b in results if s == 201]
    checks.expect("enrolment race: 201", len(created), 1)
    checks.expect("enrolment race: 409 ALREADY_ENROLLED",
                  sum(1 for s, b in results if s == 409 and b.get("code") == "ALREADY_ENROLLED"), 39)
    # Same key on both instances → one order, replayed.
    twin = people[201]
    twin_token = tokens.get("insured", id_number=twin)
    twin_body = {"plan": code, "payer": "SELF", "members": [{"idNumber": twin, "name": name_of(twin), "relation": "SELF", "consent": True}]}
    results = parallel(40, [lambda i=i: api.call("POST", "/api/v1/enrolments", twin_body, twin_token,
                                                 headers={"Idempotency-Key": "same"}, instance=i) for i in range(40)])
    checks.expect("same-key race: distinct orders", len({b["orderId"] for s, b in results if s == 201}), 1)
    checks.expect("same-key race: all 201", sum(1 for s, _ in results if s == 201), 40)

    # 3. Payment race: 40 identical notifications across instances activate once.
    order = created[0]["orderId"]
    paid_at = now_shanghai()
    results = parallel(40, [lambda i=i: api.pay(order, 69.00, paid_at, f"TX-{order}", instance=i) for i in range(40)])
    checks.expect("payment race: 200", sum(1 for s, _ in results if s == 200), 40)
    checks.expect("payment race: policy numbers", int(sql(args.psql,
        f"SELECT count(*) FROM policy WHERE id_number = '{racer}' AND policy_number IS NOT NULL")), 1)

    # 4. Settlement storm across instances: 240 requests for one hot person from 4 hospitals (10% retries),
    #    then 5% reversals; the balances must equal what the recorded settlements consumed, within the terms.
    hot = people[0]
    admission = str(today)
    ids = [f"{code}-S{i}" for i in range(216)]
    calls = []
    for i, sid in enumerate(ids):
        calls.append((sid, i))
        if i % 9 == 0:
            calls.append((sid, i + 1))  # a retry of the same settlement, on the other instance
    random.shuffle(calls)

    def settle(sid, instance):
        hospital = "H" + str(int(sid.split("S")[-1]) % 4)
        return api.call("POST", "/api/v1/hospital/settlements", settlement(sid, hot, admission, 2000.00, 1000.00),
                        tokens.get("hospital", hospital_code=hospital), instance=instance)

    results = parallel(32, [lambda c=c: settle(*c) for c in calls])
    checks.expect("storm: requests answered 200/201", sum(1 for s, _ in results if s in (200, 201)), len(calls))
    checks.expect("storm: settlements recorded", int(sql(args.psql,
        f"SELECT count(*) FROM settlement WHERE id_number = '{hot}'")), len(ids))
    reversed_ids = random.sample(ids, 12)
    parallel(12, [lambda sid=sid, i=i: api.call("POST", f"/api/v1/hospital/settlements/{sid}/reversal", None,
                                                tokens.get("hospital", hospital_code="H" + str(int(sid.split("S")[-1]) % 4)),
                                                instance=i) for i, sid in enumerate(reversed_ids + reversed_ids)])
    stored = sql(args.psql, f"""
        SELECT coalesce((deductibles_used->>'MAIN')::numeric, 0) || ' ' || coalesce((caps_used->>'IN_POLICY')::numeric, 0)
               || ' ' || coalesce((caps_used->>'OUT_OF_POLICY')::numeric, 0)
          FROM benefit_balance WHERE id_number = '{hot}'""").split()
    replayed = sql(args.psql, f"""
        SELECT coalesce(sum((consumed->'deductibles'->>'MAIN')::numeric), 0) || ' ' ||
               coalesce(sum((consumed->'caps'->>'IN_POLICY')::numeric), 0) || ' ' ||
               coalesce(sum((consumed->'caps'->>'OUT_OF_POLICY')::numeric), 0)
          FROM settlement WHERE id_number = '{hot}' AND status = 'SETTLED'""").split()
    checks.expect("storm: reversals recorded", int(sql(args.psql,
        f"SELECT count(*) FROM settlement WHERE id_number = '{hot}' AND status = 'REVERSED'")), 12)
    checks.expect("storm: deductible within 1000", float(stored[0]) <= 1000.0, True)
    checks.expect("storm: IN cap within 10000", float(stored[1]) <= 10000.0, True)
    checks.expect("storm: OUT cap within 5000", float(stored[2]) <= 5000.0, True)
    checks.expect("storm: balances = replayed (deductible)", stored[0], replayed[0])
    checks.expect("storm: balances = replayed (IN cap)", stored[1], replayed[1])
    checks.expect("storm: balances = replayed (OUT cap)", stored[2], replayed[2])
    day = str(today)
    recon = [api.call("GET", f"/api/v1/hospital/reconciliation?date={day}", None, tokens.get("hospital", hospital_code=f"H{h}"))[1]
             for h in range(4)]
    checks.expect("storm: reconciliation counts", sum(r["settled"]["count"] for r in recon), len(ids))
    return 0 if checks.report() else 1


def refund_crash(args):
    """Phase cancel: a policy paid and cancelled before coverage, whose refund request is then held open by the stub
    provider (prints the refund ID once it is in flight). Phase check: after the restart, the same request arrives again
    and is accepted exactly once."""
    tokens = Tokens(args.key)
    api = Api(args.urls.split(","), tokens, args.secret)
    if args.phase == "cancel":
        today = datetime.datetime.now(SHANGHAI).date()
        code = "RC-" + uuid.uuid4().hex[:6].upper()
        body = plan_body(code, today)
        body["coverageStarts"] = str(today + datetime.timedelta(days=40))
        body["planYear"] = (today + datetime.timedelta(days=40)).year
        status, answer = api.call("POST", "/api/v1/plans", body, tokens.get("operator"))
        assert status == 201, answer
        person = id_number("210102", random.randrange(0, 4_000_000))
        api.call("PUT", "/api/v1/bureau/participants", {"records": [participant(person, "210102")]}, tokens.get("bureau"))
        insured = tokens.get("insured", id_number=person)
        status, order = api.call("POST", "/api/v1/enrolments", {"plan": code, "payer": "SELF", "members": [
            {"idNumber": person, "name": name_of(person), "relation": "SELF", "consent": True}]}, insured)
        assert status == 201, order
        status, paid = api.pay(order["orderId"], 69.00, now_shanghai())
        assert status == 200, paid
        number = paid["policies"][0]["policyNumber"]
        status, cancelled = api.call("POST", f"/api/v1/policies/{number}/cancellation", None, insured)
        assert status == 200 and cancelled["refund"]["status"] == "REQUESTED", cancelled
        refund = cancelled["refund"]["refundId"]
        deadline = time.time() + 30
        while time.time() < deadline:
            with open(args.provider_log) as log:
                if any(json.loads(line)["refundId"] == refund for line in log):
                    print(refund)
                    return 0
            time.sleep(0.1)
        print("the refund request never reached the provider", file=sys.stderr)
        return 1
    checks = Checks()
    deadline = time.time() + 90
    requests = []
    while time.time() < deadline:
        with open(args.provider_log) as log:
            requests = [json.loads(line) for line in log if json.loads(line)["refundId"] == args.refund]
        if any(r["answer"] == "accepted" for r in requests):
            break
        time.sleep(0.5)
    time.sleep(2)  # anything sent twice would arrive now
    with open(args.provider_log) as log:
        requests = [json.loads(line) for line in log if json.loads(line)["refundId"] == args.refund]
    checks.expect("requests received (in flight at the crash, then again)", len(requests) >= 2, True)
    checks.expect("accepted exactly once", sum(1 for r in requests if r["answer"] == "accepted"), 1)
    checks.expect("every attempt the same signed request", len({r["body"] for r in requests}), 1)
    checks.expect("signatures valid", all(r["valid"] for r in requests), True)
    checks.expect("recorded as sent", sql(args.psql,
        f"SELECT count(*) FROM refund WHERE refund_id = '{args.refund}' AND sent_at IS NOT NULL AND send_due_at IS NULL"), "1")
    return 0 if checks.report() else 1


def token(args):
    claims = dict(pair.split("=", 1) for pair in args.claims)
    print(Tokens(args.key).get(args.role, **claims))
    return 0


def create_plan(args):
    tokens = Tokens(args.key)
    today = datetime.datetime.now(SHANGHAI).date()
    status, body = Api(args.urls.split(","), tokens, "").call("POST", "/api/v1/plans", plan_body(args.code, today),
                                                               tokens.get("operator"))
    if status != 201:
        print(status, body, file=sys.stderr)
        return 1
    return 0


def failover(args):
    """A claim storm across a primary's death: every settlement answered 201 must be on the new primary; the ones that
    got no answer (or a 5xx) are retried with the same settlement ID until they are answered, and are then recorded
    exactly once."""
    tokens = Tokens(args.key)
    api = Api(args.urls.split(","), tokens, "unused")
    people = [line.strip() for line in open(args.people) if line.strip()]
    hospital = "HFO"
    token = tokens.get("hospital", hospital_code=hospital)
    admission = args.admission
    acknowledged, lock = {}, threading.Lock()
    stop = time.time() + args.seconds
    counters = {"201": 0, "200": 0, "failed": 0, "retried": 0}

    def body(settlement_id, person):
        return {"settlementId": settlement_id, "idNumber": person, "careType": "INPATIENT", "admissionDate": admission,
                "dischargeDate": admission, "totalAmount": 73000.00, "basicFundPaid": 60000.00,
                "criticalIllnessPaid": 10000.00, "medicalAssistancePaid": 0.00, "otherFundPaid": 0.00,
                "inPolicySelfPay": 2000.00, "outOfPolicySelfPay": 1000.00, "overLimitSelfPay": 0.00}

    def settle_until_answered(settlement_id, person, deadline):
        first = True
        while time.time() < deadline:
            try:
                status, answer = api.call("POST", "/api/v1/hospital/settlements", body(settlement_id, person), token)
            except Exception:  # connection refused or reset mid-failover
                status = None
            if status in (200, 201):
                with lock:
                    acknowledged[settlement_id] = status
                    counters[str(status)] += 1
                    if not first:
                        counters["retried"] += 1
                return
            with lock:
                counters["failed"] += 1
            first = False
            time.sleep(0.2)
        raise SystemExit(f"settlement {settlement_id} never answered")

    def worker(n):
        i = 0
        while time.time() < stop:
            i += 1
            settle_until_answered(f"FO-{n}-{i}", people[(n * 7919 + i) % len(people)], stop + 120)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(args.threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ids = list(acknowledged)
    out = subprocess.run(args.psql.split() + ["SELECT settlement_id FROM settlement WHERE hospital_code = 'HFO'"],
                         capture_output=True, text=True, check=True).stdout.split()
    stored = set(out)
    missing = [i for i in ids if i not in stored]
    duplicates = len(out) - len(stored)
    print(f"acknowledged {len(ids)} settlements (201: {counters['201']}, 200 on retry: {counters['200']}), "
          f"failed attempts {counters['failed']}, answered after a retry {counters['retried']}; "
          f"on the new primary: {len(stored)}, missing {len(missing)}, duplicated {duplicates}")
    return 0 if not missing and duplicates == 0 and len(stored) == len(ids) else 1


def dead_connection(args):
    """The service's connections to PgBouncer go dead without being closed (their packets are dropped, as when the pod
    or node behind them is lost) while a hospital keeps settling, one settlement every INTERVAL seconds, each waiting
    up to CLIENT_TIMEOUT seconds for its answer. Reports when settlements were answered 201 again, what the others got,
    and checks the outcome: every 201 stored once; every other one, retried with the same settlement ID once the
    service has recovered, stored once too."""
    tokens = Tokens(args.key)
    api = Api(args.urls.split(","), tokens, "unused")
    people = [line.strip() for line in open(args.people) if line.strip()]
    token = tokens.get("hospital", hospital_code=args.hospital)

    def body(settlement_id, n):
        return settlement(settlement_id, people[(n * 7919) % len(people)], args.admission, 2000.00, 1000.00)

    def settle(settlement_id, n, timeout):
        started = time.time()
        try:
            status, answer = api.call("POST", "/api/v1/hospital/settlements", body(settlement_id, n), token,
                                      timeout=timeout)
        except Exception:  # no answer within the client's time-out
            status, answer = None, None
        code = answer.get("code") if isinstance(answer, dict) and status not in (200, 201) else None
        return status, code, time.time() - started

    # Warm: enough simultaneous settlements that the pool has opened its connections.
    warm = parallel(32, [lambda i=i: settle(f"{args.tag}-W{i}", i, 60) for i in range(320)])
    if any(status != 201 for status, _, _ in warm):
        print("warm-up failed: " + str(collections.Counter(str(w[0]) + " " + str(w[1]) for w in warm)))
        return 1
    subprocess.run(args.cut, shell=True, check=True)
    cut_at = time.time()
    sent = []
    with concurrent.futures.ThreadPoolExecutor(400) as pool:
        n = 0
        while time.time() - cut_at < args.seconds:
            due = cut_at + n * args.interval
            time.sleep(max(0.0, due - time.time()))
            sid = f"{args.tag}-{n}"
            sent.append((sid, n, due - cut_at, pool.submit(settle, sid, n, args.client_timeout)))
            n += 1
        results = [(sid, i, offset) + future.result() for sid, i, offset, future in sent]
    answered = [r for r in results if r[3] == 201]
    first_after = min((r[2] for r in answered), default=None)
    outcomes = collections.Counter("201" if r[3] == 201 else "no answer" if r[3] is None else f"{r[3]} {r[4]}"
                                   for r in results)
    slowest = max(r[5] for r in results)
    refused = [r[5] for r in results if r[3] not in (201, None)]
    print(f"RESULT {args.tag_label}: sent={len(results)} over {args.seconds} s after the cut; "
          f"outcomes: {dict(sorted(outcomes.items()))}; first settlement answered 201 was sent "
          f"{'never' if first_after is None else f'{first_after:.1f} s'} after the cut; slowest answer {slowest:.1f} s; "
          f"refusals answered in {min(refused, default=0):.1f}-{max(refused, default=0):.1f} s")
    for second in range(0, args.seconds, 5):
        window = [r for r in results if second <= r[2] < second + 5]
        print(f"  sent {second:>2}-{second + 5:<2} s after the cut: " + ", ".join(
            f"{k} {v}" for k, v in sorted(collections.Counter(
                "201" if r[3] == 201 else "no answer" if r[3] is None else f"{r[3]} {r[4]}" for r in window).items())))
    if not args.check:
        return 0
    # Every settlement not answered 201 is retried with the same ID until answered (200 replay or 201).
    retried = 0
    for sid, i, _, status, _, _ in results:
        if status == 201:
            continue
        deadline = time.time() + 60
        while True:
            again, _, _ = settle(sid, i, 30)
            if again in (200, 201):
                retried += 1
                break
            if time.time() > deadline:
                print(f"settlement {sid} still not answered after a minute of retries")
                return 1
            time.sleep(0.5)
    stored = sql(args.psql, f"SELECT settlement_id FROM settlement WHERE hospital_code = '{args.hospital}' "
                            f"AND settlement_id LIKE '{args.tag}-%' AND settlement_id NOT LIKE '{args.tag}-W%'").split()
    checks = Checks()
    checks.expect("settlements answered 201, stored", sum(1 for r in answered if r[0] in set(stored)), len(answered))
    checks.expect("the others, retried and answered", retried, len(results) - len(answered))
    checks.expect("settlements stored (each once)", len(stored), len(results))
    checks.expect("distinct settlement IDs stored", len(set(stored)), len(results))
    checks.expect("answered 201 again within 20 s of the cut", first_after is not None and first_after < 20, True)
    return 0 if checks.report() else 1


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "token":
        parser = argparse.ArgumentParser()
        parser.add_argument("command")
        parser.add_argument("--key", required=True)
        parser.add_argument("role")
        parser.add_argument("claims", nargs="*")
        sys.exit(token(parser.parse_args()))
    if len(sys.argv) > 1 and sys.argv[1] == "plan":
        parser = argparse.ArgumentParser()
        parser.add_argument("command")
        parser.add_argument("--key", required=True)
        parser.add_argument("--urls", required=True)
        parser.add_argument("code")
        sys.exit(create_plan(parser.parse_args()))
    if len(sys.argv) > 1 and sys.argv[1] == "failover":
        parser = argparse.ArgumentParser()
        parser.add_argument("command")
        parser.add_argument("--urls", required=True)
        parser.add_argument("--key", required=True)
        parser.add_argument("--people", required=True)
        parser.add_argument("--admission", required=True)
        parser.add_argument("--psql", required=True)
        parser.add_argument("--seconds", type=int, default=40)
        parser.add_argument("--threads", type=int, default=8)
        sys.exit(failover(parser.parse_args()))
    if len(sys.argv) > 1 and sys.argv[1] == "dead-connection":
        parser = argparse.ArgumentParser()
        parser.add_argument("command")
        parser.add_argument("--urls", required=True)
        parser.add_argument("--key", required=True)
        parser.add_argument("--people", required=True)
        parser.add_argument("--admission", required=True)
        parser.add_argument("--psql", required=True)
        parser.add_argument("--cut", required=True, help="shell command that kills the service's connections")
        parser.add_argument("--tag", required=True, help="settlement ID prefix of this run")
        parser.add_argument("--tag-label", required=True)
        parser.add_argument("--hospital", default="HDC")
        parser.add_argument("--seconds", type=int, default=40)
        parser.add_argument("--interval", type=float, default=0.1)
        parser.add_argument("--client-timeout", type=float, default=30)
        parser.add_argument("--check", action="store_true")
        sys.exit(dead_connection(parser.parse_args()))
    if len(sys.argv) > 1 and sys.argv[1] == "refund-crash":
        parser = argparse.ArgumentParser()
        parser.add_argument("command")
        parser.add_argument("--urls", required=True)
        parser.add_argument("--key", required=True)
        parser.add_argument("--secret", required=True)
        parser.add_argument("--psql", required=True)
        parser.add_argument("--provider-log", required=True)
        parser.add_argument("--phase", choices=["cancel", "check"], required=True)
        parser.add_argument("--refund")
        sys.exit(refund_crash(parser.parse_args()))
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["smoke"])
    parser.add_argument("--urls", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--psql", required=True)
    args = parser.parse_args()
    sys.exit(smoke(args))


if __name__ == "__main__":
    main()
