// A run's past (see runhistory.h).
#include "runhistory.h"

#include <algorithm>
#include <cstdio>

namespace haggle {

namespace {

std::string hex(std::uint64_t value)
{
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
    return text;
}

} // namespace

ReplayMismatch::ReplayMismatch(int round, std::uint64_t recorded, std::uint64_t replayed)
    : std::runtime_error("round " + std::to_string(round) + " replayed to state hash " + hex(replayed)
        + ", recorded as " + hex(recorded))
    , m_round(round)
{
}

RunHistory::RunHistory(const MarketRun& start, CheckpointPolicy policy)
    : m_policy(policy)
    , m_interval(std::max(1, policy.firstInterval))
{
    if (start.round() != 0)
        throw std::logic_error("a run's history starts at round 0, not " + std::to_string(start.round()));
    std::unique_ptr<MarketRun> copy = start.checkpoint(m_policy.dealHistory);
    m_copies = copy != nullptr;
    if (!copy)
        copy = makeRun(start.scenario());
    const std::size_t bytes = copy->stateBytes();
    m_checkpoints.push_back({ 0, std::move(copy), bytes });
}

RunHistory::RunHistory(RunHistory&&) noexcept = default;
RunHistory& RunHistory::operator=(RunHistory&&) noexcept = default;
RunHistory::~RunHistory() = default;

void RunHistory::record(const MarketRun& run)
{
    if (run.round() != newestRound() + 1)
        throw std::logic_error("RunHistory::record(): the run is at round " + std::to_string(run.round())
            + ", the history at " + std::to_string(newestRound()));
    m_hashes.push_back(run.stateHash());
    if (auto parts = run.stateParts())
        m_parts.push_back(*parts);
    if (!m_copies || run.round() % m_interval != 0)
        return;
    std::unique_ptr<MarketRun> copy = run.checkpoint(m_policy.dealHistory);
    const std::size_t bytes = copy->stateBytes();
    m_checkpoints.push_back({ run.round(), std::move(copy), bytes });
    thin();
}

void RunHistory::thin()
{
    // Double the interval (dropping the checkpoints off it) until the count and the bytes fit, or only round 0 and
    // forks' pinned checkpoints are left (they always stay).
    while (m_checkpoints.size() > 1 && m_interval <= newestRound()
        && (m_checkpoints.size() > m_policy.maxCount || checkpointBytes() > m_policy.maxBytes)) {
        m_interval *= 2;
        std::erase_if(m_checkpoints, [this](const Checkpoint& c) { return !c.pinned && c.round % m_interval != 0; });
    }
}

void RunHistory::markFork(const MarketRun& run)
{
    if (run.round() != newestRound())
        throw std::logic_error("RunHistory::markFork(): the run is at round " + std::to_string(run.round())
            + ", the history at " + std::to_string(newestRound()));
    std::unique_ptr<MarketRun> copy = run.checkpoint(m_policy.dealHistory);
    if (!copy)
        throw std::logic_error("RunHistory::markFork(): the rules cannot copy a run, so they cannot fork one");
    const std::size_t bytes = copy->stateBytes();
    std::erase_if(m_checkpoints, [&run](const Checkpoint& c) { return c.round == run.round(); });
    const auto at = std::upper_bound(m_checkpoints.begin(), m_checkpoints.end(), run.round(),
        [](int r, const Checkpoint& c) { return r < c.round; });
    m_checkpoints.insert(at, { run.round(), std::move(copy), bytes, true });
    m_copies = true;
}

std::size_t RunHistory::checkpointBytes() const noexcept
{
    std::size_t bytes = 0;
    for (const auto& c : m_checkpoints)
        bytes += c.bytes;
    return bytes;
}

std::vector<int> RunHistory::checkpointRounds() const
{
    std::vector<int> rounds;
    for (const auto& c : m_checkpoints)
        rounds.push_back(c.round);
    return rounds;
}

std::unique_ptr<MarketRun> RunHistory::restore(const Checkpoint& from) const
{
    return m_copies ? from.run->restore() : makeRun(from.run->scenario());
}

ReplayMismatch RunHistory::firstMismatch(const Checkpoint& from, int round) const
{
    // Play again, checking every round, to say where the replay first parts from the record.
    std::unique_ptr<MarketRun> run = restore(from);
    run->setRecordMessages(false);
    while (run->round() < round) {
        run->step();
        if (const std::uint64_t replayed = run->stateHash(); replayed != hashAfter(run->round()))
            return { run->round(), hashAfter(run->round()), replayed };
    }
    return { round, hashAfter(round), run->stateHash() }; // not reached by a deterministic replay
}

std::unique_ptr<MarketRun> RunHistory::seek(int round) const
{
    if (round < 0 || round > newestRound())
        throw std::out_of_range("round " + std::to_string(round) + " has not been played (rounds 0 to "
            + std::to_string(newestRound()) + ")");
    const auto after = std::upper_bound(
        m_checkpoints.begin(), m_checkpoints.end(), round, [](int r, const Checkpoint& c) { return r < c.round; });
    const Checkpoint& from = *(after - 1);
    std::unique_ptr<MarketRun> run = restore(from);
    run->setRecordMessages(false);
    // Only the round sought is checked: its hash equal to the recorded one proves it the same round (the rounds on
    // the way are not shown). Checking each round on the way would take a third of the time of playing them.
    while (run->round() < round)
        run->step();
    if (round > from.round) {
        if (const std::uint64_t replayed = run->stateHash(); replayed != hashAfter(round))
            throw firstMismatch(from, round);
    }
    run->setRecordMessages(true);
    return run;
}

} // namespace haggle
