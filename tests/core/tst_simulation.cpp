// The round loop: validation, demand, settlement and defaults, the wrapper in action, brokers, learning,
// observers, and determinism of the event stream.
#include "adaptivestrategy.h"
#include "brokerstrategy.h"
#include "recorder.h"
#include "simulation.h"
#include "testscenarios.h"

#include <QTest>

#include <memory>

#include <cmath>
#include <set>
#include <stdexcept>

using namespace haggle;
using namespace haggle::test;

namespace {

double stddev(const std::vector<double>& v)
{
    double mean = 0.0;
    for (double x : v)
        mean += x;
    mean /= static_cast<double>(v.size());
    double ss = 0.0;
    for (double x : v)
        ss += (x - mean) * (x - mean);
    return std::sqrt(ss / static_cast<double>(v.size() - 1));
}

// A Fair seeker and a cheater that always defaults, in the given roles.
Scenario victimAndCheater(bool cheaterSells, std::optional<double> victimThreshold = std::nullopt)
{
    Scenario s;
    s.rounds = 5;
    s.seed = 9;
    auto victim = agent(
        "victim", cheaterSells ? "seeker" : "provider", "fair", cheaterSells ? 0 : 50, 100, 0.5, {}, victimThreshold);
    auto cheater = agent("cheater", cheaterSells ? "provider" : "seeker", "cheater", cheaterSells ? 50 : 0, 100, 0.5,
        { { "cheat_probability", 1.0 } });
    s.agents = { victim, cheater };
    s.demand.rules = { needByRole("seeker", 10) };
    return s;
}

} // namespace

class TestSimulation : public QObject {
    Q_OBJECT

private slots:
    void invalidScenariosAreRefusedWithTheirPaths()
    {
        Scenario s = scarcityMarket(1);
        s.agents[1].id = s.agents[0].id;
        s.agents[3].budget = -5;
        const auto issues = validateScenario(s);
        QCOMPARE(issues.size(), std::size_t(2));
        QCOMPARE(qs(issues[0].path), QStringLiteral("agents[1].id"));
        QVERIFY(qs(issues[0].message).contains(QStringLiteral("duplicate")));
        QCOMPARE(qs(issues[1].path), QStringLiteral("agents[3].budget"));
        try {
            Simulation sim(s);
            QFAIL("an invalid scenario was accepted");
        } catch (const std::invalid_argument& e) {
            QVERIFY(QString::fromUtf8(e.what()).contains(QStringLiteral("agents[3].budget")));
        }
    }

    void demandFollowsRulesAndPhases()
    {
        Scenario s = trustFall(1.0, 5, 40);
        DemandPhase rush;
        rush.name = "rush";
        rush.firstRound = 21;
        rush.lastRound = 30;
        rush.rules = { needAll(5) };
        s.demand.phases = { rush };
        Simulation sim(s);
        for (int r = 1; r <= 40; ++r) {
            const auto& summary = sim.step();
            const bool inRush = r >= 21 && r <= 30;
            QCOMPARE(qs(summary.phase), inRush ? QStringLiteral("rush") : QString());
            int honestNeeds = 0;
            for (std::size_t i = 0; i < 5; ++i)
                honestNeeds += sim.agents()[i].need().isZero() ? 0 : 1;
            // Outside the rush exactly three honest agents need compute; in the rush, everyone.
            QCOMPARE(honestNeeds, inRush ? 5 : 3);
            if (inRush)
                QCOMPARE(summary.needs, 6);
        }
    }

    void cheatingSellerKeepsThePaymentAndDeliversNothing()
    {
        Simulation sim(victimAndCheater(true));
        sim.step();
        const auto& ev = sim.lastEvents();
        QCOMPARE(ev.deals.size(), std::size_t(1));
        const auto& deal = ev.deals[0];
        QVERIFY(!deal.delivered);
        QVERIFY(deal.paid);
        QCOMPARE(deal.price, 10.0);
        // Only the money moved: the victim paid and ran no job.
        QCOMPARE(sim.agents()[0].budget(), 90.0);
        QCOMPARE(sim.agents()[1].budget(), 110.0);
        QVERIFY(ev.jobs.empty());
        QCOMPARE(ev.defaults.size(), std::size_t(1));
        QCOMPARE(ev.defaults[0].defaulter, AgentIndex(1));
        QCOMPARE(ev.defaults[0].victim, AgentIndex(0));
        QCOMPARE(ev.defaults[0].withheld, MessageReason::DeliveryWithheld);
        // The victim's view of the cheater falls; the cheater records the deal as fine.
        QCOMPARE(sim.reputation().view(0, 1), 0.25);
        QVERIFY(sim.reputation().view(1, 0) > 0.5);
        QVERIFY(sim.agents()[0].history().back().fulfilled == false);
        QVERIFY(sim.agents()[1].history().back().fulfilled == true);
        std::set<MessageType> kinds;
        for (const auto& m : ev.messages)
            kinds.insert(m.type);
        QVERIFY(kinds.count(MessageType::Default));
        QVERIFY(!kinds.count(MessageType::Allocate));
        const auto defaultMsg = std::find_if(
            ev.messages.begin(), ev.messages.end(), [](const Message& m) { return m.type == MessageType::Default; });
        QCOMPARE(defaultMsg->from, AgentIndex(0));
        QCOMPARE(defaultMsg->to, AgentIndex(1));
    }

    void cheatingBuyerTakesTheComputeAndDoesNotPay()
    {
        Simulation sim(victimAndCheater(false));
        sim.step();
        const auto& ev = sim.lastEvents();
        QCOMPARE(ev.deals.size(), std::size_t(1));
        QVERIFY(ev.deals[0].delivered);
        QVERIFY(!ev.deals[0].paid);
        QCOMPARE(sim.agents()[0].budget(), 100.0); // the provider was never paid
        QCOMPARE(ev.jobs.size(), std::size_t(1)); // the cheater ran its job on stolen compute
        QCOMPARE(sim.agents()[1].budget(), 100.0 + ev.jobs[0].value);
        QCOMPARE(ev.defaults[0].withheld, MessageReason::PaymentWithheld);
        QCOMPARE(sim.reputation().view(0, 1), 0.25);
        // The compute came back at the end of the round.
        QCOMPARE(sim.agents()[0].holdings().gpu, 50.0);
        QCOMPARE(sim.agents()[0].available().gpu, 50.0);
        const auto released = std::count_if(ev.messages.begin(), ev.messages.end(),
            [](const Message& m) { return m.type == MessageType::Release && m.from == 1 && m.to == 0; });
        QCOMPARE(released, 1);
    }

    void wrapperStopsDealingBelowItsThreshold()
    {
        // As a buyer: after one default the cheater is no longer even a candidate.
        Simulation buying(victimAndCheater(true, 0.3));
        buying.step();
        QCOMPARE(buying.lastSummary().deals, 1);
        buying.step();
        QCOMPARE(buying.lastSummary().negotiations, 0);
        QCOMPARE(buying.lastSummary().needsMet, 0);
        // As a seller: the cheater's requests are rejected as untrusted.
        Simulation selling(victimAndCheater(false, 0.3));
        selling.step();
        selling.step();
        const auto& ev = selling.lastEvents();
        QCOMPARE(ev.negotiations.size(), std::size_t(1));
        QCOMPARE(ev.negotiations[0].outcome, NegotiationOutcome::Rejected);
        QCOMPARE(ev.messages.back().reason, MessageReason::Untrusted);
        // Without the wrapper the victim keeps dealing and keeps losing.
        Simulation naive(victimAndCheater(true));
        naive.run(3);
        QCOMPARE(naive.agents()[0].dealCount(), 3);
    }

    void reputationAwareBuyersAskAPeerFirst()
    {
        Simulation sim(trustFall(0.0, 3, 1));
        sim.step();
        const auto& ev = sim.lastEvents();
        int queries = 0, responses = 0;
        for (const auto& m : ev.messages) {
            if (m.type == MessageType::QueryReputation) {
                ++queries;
                QVERIFY(m.subject != m.from && m.subject != m.to && m.subject != NoAgent);
            }
            responses += m.type == MessageType::ReputationResponse ? 1 : 0;
        }
        QVERIFY(queries >= 3);
        QCOMPARE(queries, responses);
        const auto reports = std::count_if(ev.reputationChanges.begin(), ev.reputationChanges.end(),
            [](const ReputationChange& c) { return c.cause == ReputationCause::Report; });
        QCOMPARE(int(reports), queries);
    }

    void adaptiveAgentsConverge()
    {
        Scenario s = handshakePair("adaptive", "adaptive", 7, 100);
        s.agents[0].strategy.params["initial_belief"] = 0.5;
        s.agents[1].strategy.params["initial_belief"] = 1.5;
        Simulation sim(s);
        Recorder recorder;
        sim.addObserver(&recorder);
        sim.runToEnd();
        std::vector<double> prices;
        for (const auto& d : recorder.deals())
            prices.push_back(d.unitPrice);
        QVERIFY(prices.size() >= 90);
        const std::vector<double> early(prices.begin(), prices.begin() + 20);
        const std::vector<double> late(prices.end() - 20, prices.end());
        QVERIFY(stddev(early) > 0.01);
        QVERIFY(stddev(late) < 1e-6);
        // Stable within about 30 rounds: nothing moves after deal 30.
        const std::vector<double> after30(prices.begin() + 30, prices.end());
        QVERIFY(stddev(after30) < 1e-6);
        const auto& buyer = dynamic_cast<const AdaptiveStrategy&>(sim.agents()[0].strategy());
        const auto& seller = dynamic_cast<const AdaptiveStrategy&>(sim.agents()[1].strategy());
        QVERIFY(std::abs(buyer.belief() - seller.belief()) < 0.01);
    }

    void brokerBuysFromProvidersAndResellsWithCommission()
    {
        Scenario s;
        s.rounds = 60;
        s.seed = 21;
        s.agents = { agent("seeker", "seeker", "fair", 0, 1000, 0.5), agent("broker", "broker", "broker", 0, 200, 0.0),
            agent("provider", "provider", "fair", 100, 0, 0.0) };
        s.demand.rules = { needByRole("seeker", 10) };
        Simulation sim(s);
        int resales = 0;
        double commission = 0.0;
        for (int r = 0; r < 60; ++r) {
            const double brokerBefore = sim.agents()[1].budget();
            sim.step();
            const auto& ev = sim.lastEvents();
            const DealRecord* purchase = nullptr;
            const DealRecord* sale = nullptr;
            for (const auto& d : ev.deals) {
                if (d.sourcing)
                    purchase = &d;
                else if (d.seller == 1)
                    sale = &d;
            }
            if (!sale)
                continue;
            ++resales;
            QVERIFY(purchase);
            QCOMPARE(purchase->buyer, AgentIndex(1));
            QCOMPARE(purchase->seller, AgentIndex(2));
            QVERIFY(sale->price > purchase->price);
            QVERIFY(std::abs(sim.agents()[1].budget() - brokerBefore - (sale->price - purchase->price)) < 1e-9);
            commission += sale->price - purchase->price;
            // The lease chain unwinds: seeker -> broker, then broker -> provider.
            std::vector<std::pair<AgentIndex, AgentIndex>> releases;
            for (const auto& m : ev.messages) {
                if (m.type == MessageType::Release)
                    releases.push_back({ m.from, m.to });
            }
            QCOMPARE(releases.size(), std::size_t(2));
            QCOMPARE(releases[0], (std::pair<AgentIndex, AgentIndex> { 0, 1 }));
            QCOMPARE(releases[1], (std::pair<AgentIndex, AgentIndex> { 1, 2 }));
        }
        QVERIFY(resales >= 10);
        QVERIFY(commission > 0.0);
        const auto& broker = dynamic_cast<const BrokerStrategy&>(sim.agents()[1].strategy());
        QVERIFY(broker.lastPriceFrom(2).has_value());
        QCOMPARE(broker.knownSeekers().count(0), std::size_t(1));
    }

    void sameSeedSameEventStream()
    {
        Simulation a(trustFall(0.05, 77, 80)), b(trustFall(0.05, 77, 80)), c(trustFall(0.05, 78, 80));
        bool differs = false;
        for (int r = 0; r < 80; ++r) {
            a.step();
            b.step();
            c.step();
            QVERIFY(a.lastEvents() == b.lastEvents());
            QVERIFY(a.lastSummary() == b.lastSummary());
            QCOMPARE(a.stateHash(), b.stateHash());
            differs = differs || !(a.lastEvents() == c.lastEvents());
        }
        QVERIFY(differs);
        QVERIFY(a.stateHash() != c.stateHash());
    }

    // What a strategy has learnt determines the future, so the hash covers it: two markets alike in every budget,
    // holding, deal and reputation but for an Adaptive agent's belief (or a broker's providers) hash differently.
    void stateHashCoversStrategyState()
    {
        Scenario s = scarcityMarket(5, 10);
        Scenario other = s;
        bool changed = false;
        for (auto& a : other.agents) {
            if (a.strategy.type == "adaptive") {
                a.strategy.params["initial_belief"] = 1.5;
                changed = true;
            }
        }
        QVERIFY(changed);
        QVERIFY(Simulation(s).stateHash() != Simulation(other).stateHash());

        // A broker that has bought from a provider differs from a fresh copy of itself only in what it learnt.
        Scenario market;
        market.seed = 3;
        market.agents = { agent("seeker", "seeker", "fair", 0, 1000, 0.5),
            agent("broker", "broker", "broker", 0, 1000, 0), agent("p", "provider", "fair", 100, 0, 0) };
        market.demand.rules = { needByRole("seeker", 5) };
        Simulation run(market);
        for (int r = 0; r < 5; ++r)
            run.step();
        const auto& broker = dynamic_cast<const BrokerStrategy&>(run.agents()[1].strategy());
        QVERIFY(!broker.knownProviders().empty());
        QVERIFY(broker.stateDigest() != BrokerStrategy(broker.commissionRate()).stateDigest());
    }

    void steppingRunningAndCopyingAgree()
    {
        const Scenario s = rushHour(5);
        Simulation stepped(s), ran(s);
        for (int r = 0; r < 12; ++r)
            stepped.step();
        ran.run(12);
        QCOMPARE(stepped.stateHash(), ran.stateHash());
        Simulation copy(stepped);
        copy.runToEnd();
        stepped.runToEnd();
        QCOMPARE(copy.stateHash(), stepped.stateHash());
        QVERIFY(copy.lastSummary() == stepped.lastSummary());
        QCOMPARE(stepped.round(), 30);
        QVERIFY(stepped.finished());
    }

    void aCopyOutlivesItsOriginal()
    {
        // A market large enough that canvasses draw their peers, with learning, wrapped and broker strategies: a
        // copy holds its own agents' strategies and state (run under AddressSanitizer, a copy reaching into the
        // destroyed original would be caught), and goes on exactly as an uncopied run.
        Scenario s;
        s.seed = 11;
        s.rounds = 40;
        for (int i = 0; i < 30; ++i) {
            const std::string id = std::to_string(i);
            if (i % 10 == 0)
                s.agents.push_back(test::agent("broker" + id, "broker", "broker", 0, 300, 0.3));
            else if (i % 2 == 0)
                s.agents.push_back(test::agent("provider" + id, "provider", i % 4 ? "adaptive" : "fair", 40, 100, 0.2));
            else
                s.agents.push_back(test::agent("seeker" + id, "seeker", "adaptive", 0, 200, 0.6, {}, 0.3));
        }
        s.demand.rules = { test::needByRole("seeker", 10, 0.7) };
        Simulation reference(s);
        reference.run(40);
        auto original = std::make_unique<Simulation>(s);
        original->run(15);
        Simulation copy(*original);
        original.reset();
        copy.run(25);
        QCOMPARE(copy.stateHash(), reference.stateHash());
        QVERIFY(copy.lastSummary() == reference.lastSummary());
        QVERIFY(reference.lastSummary().deals > 0);
    }

    void recordingMessagesIsOptionalAndChangesNothingElse()
    {
        Simulation on(trustFall(1.0, 42, 30)), off(trustFall(1.0, 42, 30));
        off.setRecordMessages(false);
        for (int r = 0; r < 30; ++r) {
            on.step();
            off.step();
            QVERIFY(off.lastEvents().messages.empty());
            QVERIFY(on.lastEvents().negotiations == off.lastEvents().negotiations);
            QVERIFY(on.lastSummary() == off.lastSummary());
        }
        QCOMPARE(on.stateHash(), off.stateHash());
    }

    void observersAndRecorder()
    {
        Simulation sim(scarcityMarket(3, 10));
        Recorder recorder, removed;
        sim.addObserver(&recorder);
        sim.addObserver(&removed);
        sim.addObserver(&recorder); // added once only
        sim.step();
        sim.removeObserver(&removed);
        sim.run(9);
        QCOMPARE(recorder.rounds().size(), std::size_t(10));
        QCOMPARE(removed.rounds().size(), std::size_t(1));
        int deals = 0;
        for (const auto& r : recorder.rounds()) {
            deals += r.deals;
            QCOMPARE(r.netWorth.size(), std::size_t(5));
            QCOMPARE(r.meanReputation.size(), std::size_t(5));
        }
        QCOMPARE(recorder.deals().size(), std::size_t(deals));
        QCOMPARE(recorder.rounds().back().round, 10);
    }

    void everyMessageKindIsUsed()
    {
        std::set<MessageType> kinds;
        Scenario gossiping = trustFall(1.0, 42, 60);
        gossiping.reputation.gossip = { 0.5, 2 };
        // BID and ASK: an auction's shouts (a double auction of zero-intelligence traders).
        Scenario auction = rushHour(3);
        auction.mechanism = { "double-auction", {} };
        for (AgentSpec& a : auction.agents)
            a.strategy = { "zi-c", {}, std::nullopt };
        // PROPOSE, JOIN, COMMIT and LEAVE: coalitions of providers for a job none can serve alone, one of them a
        // free-rider expelled by the buyer's contribution monitoring.
        Scenario coalition;
        coalition.rounds = 6;
        coalition.mechanism = { "coalition", {} };
        for (int i = 1; i <= 3; ++i)
            coalition.agents.push_back(agent("p" + std::to_string(i), "provider", i == 1 ? "cheater" : "fair", 4, 50, 0,
                i == 1 ? std::map<std::string, double> { { "cheat_probability", 1.0 } }
                       : std::map<std::string, double> {}));
        coalition.agents.push_back(agent("b", "buyer", "fair", 0, 500, 0.5));
        coalition.demand.rules = { needByRole("buyer", 12) };
        for (const Scenario& s : { gossiping, rushHour(3), auction, coalition }) {
            Simulation sim(s);
            for (int r = 0; r < s.rounds; ++r) {
                sim.step();
                for (const auto& m : sim.lastEvents().messages)
                    kinds.insert(m.type);
            }
        }
        QCOMPARE(int(kinds.size()), MessageTypeCount);
    }

    void dealHistoryIsBounded()
    {
        Scenario s = handshakePair("fair", "fair", 3, 5000);
        Simulation sim(s);
        sim.setRecordMessages(false);
        sim.runToEnd();
        const Agent& buyer = sim.agents()[0];
        QCOMPARE(buyer.dealCount(), 5000);
        QVERIFY(buyer.history().size() >= HistoryLimit);
        QVERIFY(buyer.history().size() < 2 * HistoryLimit);
        QCOMPARE(buyer.history().back().round, 5000); // the newest are the ones kept
    }

    void largePopulationsCanvassASample()
    {
        Scenario s;
        s.rounds = 3;
        s.seed = 4;
        for (int i = 0; i < 300; ++i) {
            // Appended rather than "a" + std::to_string(i): GCC 12 at -O3 warns (falsely, -Wrestrict) on that.
            std::string id = "a";
            id += std::to_string(i);
            s.agents.push_back(agent(std::move(id), i % 3 == 0 ? "seeker" : "provider", i % 2 ? "fair" : "adaptive",
                i % 3 == 0 ? 0 : 40, 100, 0.5));
        }
        s.demand.rules = { needByRole("seeker", 10) };
        Simulation sim(s);
        sim.runToEnd();
        QCOMPARE(sim.lastSummary().needs, 100);
        QVERIFY(sim.lastSummary().deals > 50);
    }
};

QTEST_GUILESS_MAIN(TestSimulation)
#include "tst_simulation.moc"
