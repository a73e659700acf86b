"""The M/M/3 of scenarios/bench/mmc.toml in Ciw (https://github.com/CiwPython/Ciw).

Arrivals Poisson at 0.5 a day, one exponential service of mean 5 days by one of 3
servers, first come, first served. Each replication is one ciw.Simulation of the
horizon (7305 days, 20 years of 365.25 days) with its own seed; as in regsim
(docs/scenario-format.md, src/engine/queue/replication.rs), the customers reported are
those arriving in [731, 7305) (the warm-up is 2 years, 730.5 days, rounded), each followed
to the end of its service. No one arrives after the horizon: under FIFO later arrivals
cannot change an earlier customer's wait.

Prints the mean wait in the queue over all reported customers, the standard error of
the replications' means, and the wall time of the simulation itself.
usage: python3 mmc_ciw.py [REPLICATIONS] [SEED]
"""
import math, random, statistics, sys, time
import ciw

N = int(sys.argv[1]) if len(sys.argv) > 1 else 200
SEED = int(sys.argv[2]) if len(sys.argv) > 2 else 1
ARRIVAL_RATE, SERVICE_RATE, SERVERS = 0.5, 1 / 5, 3
HORIZON, WARM_UP = 7305, 731
DRAIN = 3653            # as regsim: reported customers are followed for up to ten years


class ArrivalsUntil(ciw.dists.Distribution):
    """Exponential gaps while the clock is before the horizon, then no more arrivals."""

    def __init__(self, rate, until):
        self.rate, self.until = rate, until

    def sample(self, t=None, ind=None):
        return random.expovariate(self.rate) if t < self.until else math.inf


def replicate(seed):
    ciw.seed(seed)
    network = ciw.create_network(
        arrival_distributions=[ArrivalsUntil(ARRIVAL_RATE, HORIZON)],
        service_distributions=[ciw.dists.Exponential(rate=SERVICE_RATE)],
        number_of_servers=[SERVERS],
    )
    sim = ciw.Simulation(network)
    sim.simulate_until_max_time(HORIZON + DRAIN)
    waits = [r.waiting_time for r in sim.get_all_records()
             if r.record_type == "service" and WARM_UP <= r.arrival_date < HORIZON]
    unfinished = sum(1 for node in sim.nodes[1:-1] for ind in node.all_individuals
                     if WARM_UP <= ind.arrival_date < HORIZON)
    assert unfinished == 0, f"seed {seed}: {unfinished} reported customers unfinished"
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
    print(f"ciw replications {N} customers {count} mean_wait {total / count:.4f} se {se:.4f}")
    print(f"simulation seconds {secs:.3f}")
