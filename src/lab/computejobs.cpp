// The real-compute experiment's job set and allocation regimes (see computejobs.h).
#include "computejobs.h"

#include "rng.h"
#include "simulation.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace haggle::lab {

double ComputeJob::worth(double latency) const noexcept
{
    return value * std::exp2(-std::max(latency, 0.0) / halfLife());
}

std::vector<ComputeJob> makeJobSet(const JobSetSpec& spec)
{
    Rng rng(spec.seed);
    std::vector<ComputeJob> jobs(static_cast<std::size_t>(spec.jobs));
    for (auto& job : jobs)
        job.arrival = static_cast<int>(rng.below(static_cast<std::uint64_t>(std::max(spec.span, 1))));
    std::stable_sort(jobs.begin(), jobs.end(), [](const auto& a, const auto& b) { return a.arrival < b.arrival; });
    // Lengths 1, 2, 4, 8 with weights 4, 3, 2, 1: many short jobs, a few long ones.
    constexpr std::array<int, 10> lengths { 1, 1, 1, 1, 2, 2, 2, 4, 4, 8 };
    for (std::size_t k = 0; k < jobs.size(); ++k) {
        ComputeJob& job = jobs[k];
        job.id = static_cast<int>(k);
        job.ticks = lengths[rng.below(lengths.size())];
        job.memoryMib = 1 + static_cast<int>(rng.below(static_cast<std::uint64_t>(std::max(spec.maxMemoryMib, 1))));
        job.urgent = rng.uniform01() < spec.urgentShare;
        job.urgency = job.urgent ? 0.7 + 0.3 * rng.uniform01() : 0.3 * rng.uniform01();
        job.value = job.ticks * (1.0 + job.urgency);
    }
    return jobs;
}

const std::vector<Regime>& allRegimes()
{
    static const std::vector<Regime> all { Regime::Fifo, Regime::ShortestFirst, Regime::Urgency, Regime::Negotiated,
        Regime::Auction };
    return all;
}

std::string_view regimeName(Regime regime) noexcept
{
    switch (regime) {
    case Regime::Fifo:
        return "fifo";
    case Regime::ShortestFirst:
        return "shortest-first";
    case Regime::Urgency:
        return "urgency";
    case Regime::Negotiated:
        return "negotiated";
    case Regime::Auction:
        return "auction";
    }
    return "";
}

int ComputePlan::makespan(const std::vector<ComputeJob>& jobs) const
{
    int end = 0;
    for (const Placement& p : placements)
        end = std::max(end, p.start + jobs[static_cast<std::size_t>(p.job)].ticks);
    return end;
}

std::vector<double> ComputePlan::latencies(const std::vector<ComputeJob>& jobs) const
{
    std::vector<double> result(jobs.size(), 0.0);
    for (const Placement& p : placements) {
        const ComputeJob& job = jobs[static_cast<std::size_t>(p.job)];
        result[static_cast<std::size_t>(p.job)] = p.start + job.ticks - job.arrival;
    }
    return result;
}

std::vector<std::vector<Placement>> ComputePlan::bySlot(int slotCount) const
{
    std::vector<std::vector<Placement>> result(static_cast<std::size_t>(slotCount));
    for (const Placement& p : placements)
        result[static_cast<std::size_t>(p.slot)].push_back(p);
    return result;
}

namespace {

constexpr int MaxIdleTicks = 1000;

// The market of one tick: each free slot is a provider of one CPU slot-tick at no cost, each waiting job an agent
// needing one, bidding by its urgency (its value per unit is job value x (1 + urgency)). Everyone trades truthfully.
// The jobs that end the round with a slot, in the order the market served them.
std::vector<int> marketChoice(Regime regime, const std::vector<ComputeJob>& jobs, const std::vector<int>& waiting,
    std::size_t freeSlots, std::uint64_t seed)
{
    Scenario s;
    s.name = "slot market";
    s.rounds = 1;
    s.seed = seed;
    s.mechanism = { regime == Regime::Auction ? "double-auction" : "bilateral", {} };
    for (std::size_t k = 0; k < freeSlots; ++k) {
        AgentSpec a;
        a.id = "slot" + std::to_string(k + 1);
        a.role = "slot";
        a.strategy.type = "truthful";
        a.holdings.cpu = 1.0;
        s.agents.push_back(std::move(a));
    }
    for (const int j : waiting) {
        AgentSpec a;
        a.id = "job" + std::to_string(j + 1);
        a.role = "job";
        a.strategy.type = "truthful";
        a.budget = 1000.0;
        a.urgency = jobs[static_cast<std::size_t>(j)].urgency;
        s.agents.push_back(std::move(a));
    }
    NeedRule rule;
    rule.who = NeedRule::Who::Role;
    rule.role = "job";
    rule.need.cpu = 1.0;
    s.demand.rules.push_back(rule);
    Simulation sim(std::move(s));
    sim.setRecordMessages(false);
    sim.step();
    std::vector<int> served;
    for (const JobRecord& record : sim.lastEvents().jobs) {
        if (record.agent >= freeSlots)
            served.push_back(waiting[record.agent - freeSlots]);
    }
    return served;
}

// The waiting jobs in the order a central regime serves them.
void orderWaiting(Regime regime, const std::vector<ComputeJob>& jobs, std::vector<int>& waiting)
{
    const auto job = [&](int j) -> const ComputeJob& { return jobs[static_cast<std::size_t>(j)]; };
    switch (regime) {
    case Regime::Fifo:
        std::stable_sort(waiting.begin(), waiting.end(), [&](int a, int b) { return job(a).arrival < job(b).arrival; });
        break;
    case Regime::ShortestFirst:
        std::stable_sort(waiting.begin(), waiting.end(), [&](int a, int b) { return job(a).ticks < job(b).ticks; });
        break;
    case Regime::Urgency: {
        // The value a job loses per tick of delay, at latency 0, per tick of slot it takes.
        const auto rate = [&](int j) { return job(j).value * std::log(2.0) / job(j).halfLife() / job(j).ticks; };
        std::stable_sort(waiting.begin(), waiting.end(), [&](int a, int b) { return rate(a) > rate(b); });
        break;
    }
    case Regime::Negotiated:
    case Regime::Auction:
        break;
    }
}

} // namespace

ComputePlan planJobs(
    Regime regime, const std::vector<ComputeJob>& jobs, int slotCount, std::uint64_t marketSeed, int memoryMib)
{
    if (slotCount < 1)
        throw std::invalid_argument("a pool needs at least one slot");
    for (const ComputeJob& job : jobs) {
        if (memoryMib > 0 && job.memoryMib > memoryMib)
            throw std::invalid_argument("job " + std::to_string(job.id + 1) + " needs " + std::to_string(job.memoryMib)
                + " MiB, more than the pool's " + std::to_string(memoryMib) + " MiB");
    }
    const auto memoryOf = [&](int j) { return jobs[static_cast<std::size_t>(j)].memoryMib; };
    ComputePlan plan;
    plan.regime = regime;
    std::vector<int> busyUntil(static_cast<std::size_t>(slotCount), 0);
    std::vector<int> holding(static_cast<std::size_t>(slotCount), 0); // memory of each slot's job while it runs
    std::vector<bool> started(jobs.size(), false);
    std::size_t remaining = jobs.size();
    int unserved = 0; // ticks in a row with free slots and waiting jobs but nobody placed
    for (int tick = 0; remaining > 0; ++tick) {
        std::vector<int> freeSlots;
        int freeMemory = memoryMib > 0 ? memoryMib : std::numeric_limits<int>::max();
        for (int k = 0; k < slotCount; ++k) {
            if (busyUntil[static_cast<std::size_t>(k)] <= tick)
                freeSlots.push_back(k);
            else
                freeMemory -= holding[static_cast<std::size_t>(k)];
        }
        std::vector<int> waiting; // arrival order: the jobs that have arrived, have not started and fit
        for (const ComputeJob& job : jobs) {
            if (!started[static_cast<std::size_t>(job.id)] && job.arrival <= tick && job.memoryMib <= freeMemory)
                waiting.push_back(job.id);
        }
        if (freeSlots.empty() || waiting.empty())
            continue;
        std::vector<int> offered; // in the regime's order
        if (regime == Regime::Negotiated || regime == Regime::Auction) {
            offered = marketChoice(
                regime, jobs, waiting, freeSlots.size(), deriveSeed(marketSeed, static_cast<std::uint64_t>(tick)));
        } else {
            orderWaiting(regime, jobs, waiting);
            offered = waiting;
        }
        // Each free slot takes the next job that still fits beside those already placed.
        std::vector<int> chosen;
        for (const int j : offered) {
            if (chosen.size() == freeSlots.size())
                break;
            if (memoryOf(j) <= freeMemory) {
                chosen.push_back(j);
                freeMemory -= memoryOf(j);
            }
        }
        unserved = chosen.empty() ? unserved + 1 : 0;
        if (unserved >= MaxIdleTicks)
            throw std::runtime_error("the " + std::string(regimeName(regime)) + " regime placed no job in "
                + std::to_string(MaxIdleTicks) + " ticks with free slots and waiting jobs");
        for (std::size_t k = 0; k < chosen.size() && k < freeSlots.size(); ++k) {
            const ComputeJob& job = jobs[static_cast<std::size_t>(chosen[k])];
            plan.placements.push_back({ job.id, freeSlots[k], tick });
            busyUntil[static_cast<std::size_t>(freeSlots[k])] = tick + job.ticks;
            holding[static_cast<std::size_t>(freeSlots[k])] = job.memoryMib;
            started[static_cast<std::size_t>(job.id)] = true;
            --remaining;
        }
    }
    return plan;
}

} // namespace haggle::lab
