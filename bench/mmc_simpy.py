"""The M/M/3 of scenarios/bench/mmc.toml in SimPy, as a small process-based model.

Arrivals Poisson at 0.5 a day, one exponential service of mean 5 days by one of 3
servers (a simpy.Resource of capacity 3, which serves requests first come, first
served). Each replication is one simpy.Environment of the horizon (7305 days) with its
own random.Random(seed); the customers reported are those arriving in [731, 7305), each
followed to the end of its service (regsim's rule; see mmc_ciw.py). No one arrives after
the horizon: under FIFO later arrivals cannot change an earlier customer's wait.

Prints the mean wait in the queue over all reported customers, the standard error of
the replications' means, and the wall time of the simulation itself.
usage: python3 mmc_simpy.py [REPLICATIONS] [SEED]
"""
import math, random, statistics, sys, time
import simpy

N = int(sys.argv[1]) if len(sys.argv) > 1 else 200
SEED = int(sys.argv[2]) if len(sys.argv) > 2 else 1
ARRIVAL_RATE, SERVICE_RATE, SERVERS = 0.5, 1 / 5, 3
HORIZON, WARM_UP = 7305, 731


def customer(env, servers, rng, waits):
    arrived = env.now
    with servers.request() as turn:
        yield turn
        if WARM_UP <= arrived < HORIZON:
            waits.append(env.now - arrived)
        yield env.timeout(rng.expovariate(SERVICE_RATE))


def arrivals(env, servers, rng, waits):
    while True:
        gap = rng.expovariate(ARRIVAL_RATE)
        if env.now + gap >= HORIZON:
            return
        yield env.timeout(gap)
        env.process(customer(env, servers, rng, waits))


def replicate(seed):
    rng = random.Random(seed)
    env = simpy.Environment()
    servers = simpy.Resource(env, capacity=SERVERS)
    waits = []
    env.process(arrivals(env, servers, rng, waits))
    env.run()                     # until every customer has been served
    return waits


if __name__ == "__main__":
    t0 = time.perf_counter()
    means, total, count = [], 0.0, 0
    for r in range(N):
        waits = replicate(SEED + r)
        means.append(sum(waits) / len(waits))
        total += sum(waits)
        count += len(waits)
    secs = time.perf_counter() - t0
    se = statistics.stdev(means) / math.sqrt(N) if N > 1 else float("nan")
    print(f"simpy replications {N} customers {count} mean_wait {total / count:.4f} se {se:.4f}")
    print(f"simulation seconds {secs:.3f}")
