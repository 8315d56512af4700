# Re-computes a published draw record (LOTTERY.md) without the server: python3 verify_draw.py record.json
import hashlib, hmac, json, sys
r = json.load(open(sys.argv[1]))
seed = bytes.fromhex(r["seed"])
assert hashlib.sha256(seed).hexdigest() == r["commitment"], "seed does not match commitment"
pool = sorted((e["stratum"], e["applicationNumber"]) for e in r["pool"])
pool_hash = hashlib.sha256("\n".join(f"{s}\t{n}" for s, n in pool).encode()).hexdigest()
assert pool_hash == r["poolHash"], "pool does not match poolHash"
key = hashlib.sha256(seed + r["publicEntropy"].encode() + pool_hash.encode()).digest()
stream, counter = b"", 0
def uniform(n):
    global stream, counter
    limit = (2**32 // n) * n
    while True:
        while len(stream) < 4:
            stream += hmac.new(key, counter.to_bytes(8, "big"), hashlib.sha256).digest(); counter += 1
        x, stream = int.from_bytes(stream[:4], "big"), stream[4:]
        if x < limit: return x % n
def shuffle(xs):
    for i in range(len(xs) - 1, 0, -1):
        j = uniform(i + 1); xs[i], xs[j] = xs[j], xs[i]
arms, W, got = r["arms"], sum(a["weight"] for a in r["arms"]), {}
for stratum in sorted({s for s, _ in pool}):
    members = sorted(n for s, n in pool if s == stratum); shuffle(members)
    perm = list(range(len(arms))); shuffle(perm)
    m = len(members); quota = [m * a["weight"] // W for a in arms]
    order = sorted(range(len(arms)), key=lambda k: (-(m * arms[k]["weight"] % W), perm.index(k)))
    for k in order[: m - sum(quota)]: quota[k] += 1
    i = 0
    for k, q in enumerate(quota):
        for n in members[i:i + q]: got[n] = arms[k]["code"]
        i += q
assert got == {a["applicationNumber"]: a["arm"] for a in r["assignments"]}, "assignments differ"
print("OK")
