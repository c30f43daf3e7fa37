// The Q-learning negotiator (see learningnegotiator.h).
#include "learningnegotiator.h"

#include "pricing.h"
#include "rng.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>

namespace haggle {

namespace {

int thirdBand(double value) noexcept
{
    return value < 1.0 / 3.0 ? 0 : value < 2.0 / 3.0 ? 1 : 2;
}

constexpr const char* ThirdNames[] = { "low", "mid", "high" };

std::string priceText(double share)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f", share);
    return buffer;
}

} // namespace

QLearningStrategy::QLearningStrategy(const Settings& settings)
    : m_settings(settings)
    , m_q(stateCount() * actionCount(), settings.initialQ)
    , m_visits(m_q.size(), 0)
{
}

std::size_t QLearningStrategy::stateCount() const noexcept
{
    return std::size_t { 2 } * TurnBands * (static_cast<std::size_t>(m_settings.levels) + 1) * ThirdBands * ThirdBands;
}

double QLearningStrategy::level(std::size_t action) const noexcept
{
    const double k = static_cast<double>(action - 1);
    return m_settings.low + (m_settings.high - m_settings.low) * k / (m_settings.levels - 1);
}

std::size_t QLearningStrategy::stateOf(const NegotiationView& view) const noexcept
{
    const std::size_t side = view.side == Side::Seller ? 1 : 0;
    const std::size_t turn = static_cast<std::size_t>(std::clamp(view.turn, 0, TurnBands - 1));
    std::size_t price = 0; // none
    if (view.partnerLast && view.marketRate > 0.0) {
        const double share = *view.partnerLast / view.marketRate;
        const double k
            = std::round((share - m_settings.low) / (m_settings.high - m_settings.low) * (m_settings.levels - 1));
        price = 1 + static_cast<std::size_t>(std::clamp(k, 0.0, static_cast<double>(m_settings.levels - 1)));
    }
    const auto reputation = static_cast<std::size_t>(thirdBand(view.partnerReputation));
    const auto urgency = static_cast<std::size_t>(thirdBand(view.urgency));
    return (((side * TurnBands + turn) * (static_cast<std::size_t>(m_settings.levels) + 1) + price) * ThirdBands
               + reputation)
        * ThirdBands
        + urgency;
}

double QLearningStrategy::epsilon() const noexcept
{
    if (m_settings.epsilonDecay == 1.0)
        return m_settings.epsilon;
    return m_settings.epsilon
        * pricing::powInt(m_settings.epsilonDecay, static_cast<int>(std::min<long long>(m_episodes, INT_MAX)));
}

std::size_t QLearningStrategy::bestAction(std::size_t state, bool mayAccept) const noexcept
{
    std::size_t best = mayAccept ? 0 : 1;
    for (std::size_t a = best + 1; a < actionCount(); ++a) {
        if (q(state, a) > q(state, best))
            best = a;
    }
    return best;
}

std::size_t QLearningStrategy::choose(std::size_t state, bool mayAccept, Rng& rng)
{
    std::size_t action = 0;
    if (rng.uniform01() < epsilon()) {
        const std::size_t first = mayAccept ? 0 : 1;
        action = first + static_cast<std::size_t>(rng.below(actionCount() - first));
    } else {
        action = bestAction(state, mayAccept);
    }
    m_episode.push_back({ state, action });
    return action;
}

double QLearningStrategy::maxUnitPrice(const NegotiationView& view) const
{
    return view.marketRate * m_settings.high;
}

std::optional<double> QLearningStrategy::openingOffer(const NegotiationView& view, Rng& rng)
{
    m_episode.clear(); // a seller's negotiation starts here
    return view.marketRate * level(choose(stateOf(view), false, rng));
}

Decision QLearningStrategy::respond(const NegotiationView& view, Rng& rng)
{
    if (!view.ownLast)
        m_episode.clear(); // a buyer's negotiation starts at its first answer
    const std::size_t action = choose(stateOf(view), view.partnerLast.has_value(), rng);
    if (action == 0)
        return Decision::accept();
    return Decision::counter(view.marketRate * level(action));
}

void QLearningStrategy::learnFrom(double reward)
{
    ++m_episodes;
    m_totalReward += reward;
    m_digest.add(static_cast<std::uint64_t>(m_episodes));
    double target = reward;
    const std::size_t priceBands = static_cast<std::size_t>(m_settings.levels) + 1;
    for (std::size_t i = m_episode.size(); i-- > 0;) {
        const Step step = m_episode[i];
        const std::size_t cell = step.state * actionCount() + step.action;
        m_q[cell] += m_settings.learningRate * (target - m_q[cell]);
        ++m_visits[cell];
        m_digest.add(static_cast<std::uint64_t>(cell));
        m_digest.add(m_q[cell]);
        // The state's own price band says whether accepting was open in it (band 0: no proposal on the table).
        const bool mayAccept = (step.state / (ThirdBands * ThirdBands)) % priceBands != 0;
        target = m_settings.discount * q(step.state, bestAction(step.state, mayAccept));
    }
    m_episode.clear();
}

void QLearningStrategy::observeDeal(const DealObservation& observation)
{
    learnFrom(observation.referenceValue > 0.0 ? observation.value / observation.referenceValue : 0.0);
}

void QLearningStrategy::observeFailure(const FailureObservation&)
{
    learnFrom(0.0);
}

std::uint64_t QLearningStrategy::stateDigest() const noexcept
{
    return m_digest.value();
}

std::optional<LearnedTable> QLearningStrategy::learned() const
{
    LearnedTable t;
    t.strategy = std::string(name());
    t.actions.push_back("accept");
    for (std::size_t a = 1; a < actionCount(); ++a)
        t.actions.push_back("propose " + priceText(level(a)));
    const std::size_t priceBands = static_cast<std::size_t>(m_settings.levels) + 1;
    for (std::size_t s = 0; s < stateCount(); ++s) {
        const std::size_t urgency = s % ThirdBands;
        const std::size_t reputation = (s / ThirdBands) % ThirdBands;
        const std::size_t price = (s / (ThirdBands * ThirdBands)) % priceBands;
        const std::size_t turn = (s / (ThirdBands * ThirdBands * priceBands)) % TurnBands;
        const std::size_t side = s / (ThirdBands * ThirdBands * priceBands * TurnBands);
        t.states.push_back(std::string(side ? "seller" : "buyer") + " turn " + std::to_string(turn)
            + (turn == TurnBands - 1 ? "+" : "") + " partner " + (price ? priceText(level(price)) : "none") + " rep "
            + ThirdNames[reputation] + " urgency " + ThirdNames[urgency]);
    }
    t.values = m_q;
    t.visits = m_visits;
    t.episodes = m_episodes;
    return t;
}

std::optional<std::string> QLearningStrategy::restoreLearned(const LearnedTable& table)
{
    if (table.strategy != name())
        return "a policy of strategy '" + table.strategy + "' cannot be loaded into 'q-learning'";
    const LearnedTable own = *learned();
    if (table.actions != own.actions)
        return "the policy's actions (" + std::to_string(table.actions.size())
            + ") are not this agent's: its levels, low and high must match the policy's";
    if (table.states != own.states)
        return "the policy's states (" + std::to_string(table.states.size()) + ") are not this agent's ("
            + std::to_string(own.states.size()) + ")";
    if (table.values.size() != m_q.size() || table.visits.size() != m_q.size())
        return "the policy has " + std::to_string(table.values.size()) + " values and "
            + std::to_string(table.visits.size()) + " visit counts; expected " + std::to_string(m_q.size())
            + " of each";
    for (std::size_t i = 0; i < table.values.size(); ++i) {
        if (!std::isfinite(table.values[i]))
            return "the policy's value " + std::to_string(i) + " is not a finite number";
        if (table.visits[i] < 0)
            return "the policy's visit count " + std::to_string(i) + " is negative";
    }
    if (table.episodes < 0)
        return std::string("the policy's episode count is negative");
    m_q = table.values;
    m_visits = table.visits;
    m_episodes = table.episodes;
    m_episode.clear();
    m_digest = Fnv1a();
    m_digest.add(static_cast<std::uint64_t>(m_episodes));
    for (double v : m_q)
        m_digest.add(v);
    return std::nullopt;
}

QLearningStrategy::Settings QLearningStrategy::settingsFrom(const Parameters& p)
{
    return { p["learning_rate"], p["discount"], p["epsilon"], p["epsilon_decay"], p["low"], p["high"],
        p.integer("levels"), p["initial_q"] };
}

KindInfo QLearningStrategy::kind()
{
    KindInfo info { "q-learning",
        "Tabular Q-learning negotiator: learns across rounds which price to propose and when to accept",
        {
            { "learning_rate", 0.2, 0.0, 1.0, "alpha: step of each update toward its target", "share" },
            { "discount", 0.95, 0.0, 1.0, "gamma: weight of the next step's best value", "share" },
            { "epsilon", 0.1, 0.0, 1.0, "Probability of a random action (exploration)", "share" },
            { "epsilon_decay", 1.0, 0.5, 1.0, "Epsilon's factor per negotiation learnt from (1: constant)", "share" },
            { "low", 0.6, 0.01, 100.0, "Lowest price it proposes, relative to the market rate", "share" },
            { "high", 1.4, 0.01, 100.0, "Highest price it proposes (and a buyer's announced maximum)", "share" },
            { "levels", 9, 2, 41, "Prices it chooses among, evenly spread over [low, high]", "",
                ParameterType::Integer },
            { "initial_q", 2.0, -100.0, 100.0, "Value of an untried action (above any reward: tries each first)" },
        },
        { AlternatingOffers } };
    info.check = [](const Parameters& p) -> std::optional<SpecError> {
        if (p["low"] < p["high"])
            return std::nullopt;
        return SpecError { "params.low", "low must be below high" };
    };
    return info;
}

} // namespace haggle
