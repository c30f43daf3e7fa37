// The futures mechanism: contracts traded on a futures book are delivered exactly at their round, paid from escrow;
// a seller that defaults at delivery compensates the buyer and loses its standing (and, below min_trust, its buyers);
// money and compute are conserved every round with futures, defaults, speculators and outages; the arbitrageur earns
// when futures trade below the spot price.
#include "arbitrageur.h"
#include "futuresmechanism.h"
#include "rng.h"
#include "simulation.h"
#include "testscenarios.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <set>

using namespace haggle;
using namespace haggle::test;

namespace {

// Truthful providers (they ask their unit cost) and truthful buyers needing `need` GPU hours every round.
Scenario market(int providers, int buyers, double need, int horizon, std::map<std::string, double> sellerParams = {},
    double capacity = 10.0)
{
    Scenario s;
    s.rounds = 30;
    s.seed = 11;
    s.mechanism = { "futures", { { "horizon", double(horizon) } } };
    for (int i = 0; i < providers; ++i) {
        AgentSpec a
            = agent(indexedId('p', std::size_t(i + 1)), "provider", "truthful", capacity, 100.0, 0.0, sellerParams);
        a.unitCost = 0.2 + 0.1 * i;
        s.agents.push_back(a);
    }
    for (int i = 0; i < buyers; ++i)
        s.agents.push_back(agent(indexedId('s', std::size_t(i + 1)), "seeker", "truthful", 0.0, 500.0, 0.5));
    s.demand.rules = { needByRole("seeker", need) };
    return s;
}

const FuturesMechanism& futuresOf(const Simulation& sim)
{
    return dynamic_cast<const FuturesMechanism&>(sim.mechanism());
}

bool near(double a, double b)
{
    return std::abs(a - b) <= 1e-9 * std::max({ 1.0, std::abs(a), std::abs(b) });
}

} // namespace

class TestFutures : public QObject {
    Q_OBJECT

private slots:
    // Every contract traded in round r is delivered in round r + horizon, no sooner and no later, and its price was
    // held in escrow in between.
    void aContractIsDeliveredExactlyAtItsRound()
    {
        const int horizon = 4;
        Simulation sim(market(2, 3, 2.0, horizon));
        sim.setRecordMessages(true);
        std::map<std::uint64_t, FuturesRecord> traded;
        std::set<std::uint64_t> delivered;
        for (int r = 1; r <= 20; ++r) {
            sim.step();
            const RoundEvents& e = sim.lastEvents();
            double escrow = 0.0;
            for (const FuturesRecord& f : e.futures) {
                if (f.kind == FuturesRecord::Kind::Traded) {
                    QCOMPARE(f.round, r);
                    QCOMPARE(f.deliveryRound, r + horizon);
                    QVERIFY(f.price > 0.0);
                    QVERIFY(near(f.price, f.unitPrice * f.resources.gpu));
                    traded[f.contract] = f;
                    continue;
                }
                QCOMPARE(f.kind, FuturesRecord::Kind::Delivered); // truthful sellers with the capacity never default
                QVERIFY(traded.count(f.contract));
                QCOMPARE(r, traded[f.contract].deliveryRound);
                QVERIFY(delivered.insert(f.contract).second);
                // The delivery is a lease of the contracted bundle from its seller to its buyer, at its price.
                const auto lease = std::find_if(e.messages.begin(), e.messages.end(), [&](const Message& m) {
                    return m.type == MessageType::Allocate && m.from == f.seller && m.to == f.buyer
                        && m.resources == f.resources && near(m.price, f.price);
                });
                QVERIFY(lease != e.messages.end());
            }
            for (const Agreement& c : futuresOf(sim).openContracts()) {
                QVERIFY(c.deliveryRound > r);
                QVERIFY(c.deliveryRound <= r + horizon);
                escrow += c.price;
            }
            QVERIFY(near(sim.mechanism().heldFunds(), escrow));
        }
        // Every contract due by round 20 was delivered.
        int due = 0;
        for (const auto& [id, f] : traded)
            due += f.deliveryRound <= 20 ? 1 : 0;
        QVERIFY(due > 10);
        QCOMPARE(int(delivered.size()), due);
    }

    // A seller that takes the price and withholds the compute pays the buyer `penalty` x the price; the buyer's view
    // of it falls, and once below min_trust it sells that buyer no more futures.
    void aDefaultCompensatesTheBuyerAndCostsTheSeller()
    {
        Scenario s = market(1, 1, 2.0, 2, { { "cheat_probability", 1.0 } });
        s.mechanism.params["penalty"] = 2.0;
        s.mechanism.params["min_trust"] = 0.3;
        s.reputation.params["penalty"] = 0.1; // each default costs a tenth of the buyer's view: it trades for a while
        Simulation sim(s);
        const AgentIndex seller = 0, buyer = 1;
        int defaults = 0, lastTrade = 0;
        for (int r = 1; r <= 20; ++r) {
            sim.step();
            const RoundEvents& e = sim.lastEvents();
            for (const FuturesRecord& f : e.futures) {
                if (f.kind == FuturesRecord::Kind::Traded) {
                    lastTrade = r;
                    continue;
                }
                QCOMPARE(f.kind, FuturesRecord::Kind::Defaulted);
                QCOMPARE(f.round, f.deliveryRound);
                QVERIFY(near(f.compensation, f.price)); // 2 x the price back: the price and as much again
                ++defaults;
            }
        }
        QVERIFY(defaults >= 1);
        const double view = sim.reputation().view(buyer, seller);
        QVERIFY2(view < 0.3, qPrintable(QString::number(view)));
        // Trading stopped once the buyer's view of the seller fell below min_trust: no contract after that round.
        QVERIFY(lastTrade < 20);
        QVERIFY(futuresOf(sim).openContracts().empty());
    }

    // Budgets with the escrow change only by the jobs run and the sellers' running costs; holdings never change;
    // every lease comes back; no budget goes below zero: with hedgers, cheaters, a speculator and an outage.
    void conservationEveryRound()
    {
        int traded = 0, delivered = 0, defaulted = 0;
        for (std::uint64_t seed = 1; seed <= 25; ++seed) {
            Rng rng(seed * 17 + 3);
            Scenario s;
            s.rounds = 25;
            s.seed = seed;
            s.mechanism = { "futures",
                { { "horizon", 1 + double(rng.below(6)) }, { "hedge", 0.2 + 0.8 * rng.uniform01() },
                    { "penalty", 1.0 + 2.0 * rng.uniform01() } } };
            const int providers = 2 + int(rng.below(4));
            for (int i = 0; i < providers; ++i) {
                const bool cheat = rng.bernoulli(0.3);
                AgentSpec a = agent(indexedId('p', std::size_t(i)), "provider",
                    rng.bernoulli(0.5) ? "zi-c" : "truthful", 1 + double(rng.below(8)), 40.0, 0.0,
                    cheat ? std::map<std::string, double> { { "cheat_probability", rng.uniform01() } }
                          : std::map<std::string, double> {});
                a.unitCost = rng.uniform01();
                s.agents.push_back(a);
            }
            for (int i = 0; i < 5; ++i)
                s.agents.push_back(agent(indexedId('s', std::size_t(i)), "seeker",
                    rng.bernoulli(0.5) ? "zi-c" : "truthful", 0.0, 60.0, rng.uniform01()));
            s.agents.push_back(agent("arb", "trader", "arbitrageur", 0.0, 50.0, 0.0));
            s.demand.rules = { needByRole("seeker", 1 + double(rng.below(3)), 0.7) };
            const int outage = 10 + int(rng.below(8));
            s.events.push_back(scenarioEvent("outage", outage, outage + 2, "p0", { { "fraction", 1.0 } }));
            QVERIFY2(validateScenario(s).empty(), qPrintable(QString::number(seed)));
            Simulation sim(s);
            for (int r = 0; r < s.rounds; ++r) {
                const double before = sim.totalBudget() + sim.mechanism().heldFunds();
                sim.step();
                const RoundEvents& e = sim.lastEvents();
                double jobs = 0.0, running = 0.0;
                for (const JobRecord& j : e.jobs)
                    jobs += j.value;
                for (const DealRecord& d : e.deals)
                    running += d.delivered ? s.agents[d.seller].unitCost * d.resources.gpu : 0.0;
                QVERIFY2(near(sim.totalBudget() + sim.mechanism().heldFunds(), before + jobs - running),
                    qPrintable(QStringLiteral("seed %1 round %2").arg(seed).arg(r + 1)));
                for (const Agent& a : sim.agents()) {
                    QVERIFY(a.budget() >= -1e-9);
                    QVERIFY(a.leasedIn().isZero() && a.leasedOut().isZero());
                }
                for (const FuturesRecord& f : e.futures) {
                    traded += f.kind == FuturesRecord::Kind::Traded ? 1 : 0;
                    delivered += f.kind == FuturesRecord::Kind::Delivered ? 1 : 0;
                    defaulted += f.kind == FuturesRecord::Kind::Defaulted ? 1 : 0;
                }
            }
        }
        QVERIFY(traded > 300);
        QVERIFY(delivered > 200);
        QVERIFY(defaulted > 20);
    }

    // Futures offered below the spot price they forecast: the arbitrageur buys them and resells the compute on the
    // spot market at a profit; with no futures sellers it never trades.
    void theArbitrageurEarnsOnCheapFutures()
    {
        // Scarce compute: 3 providers of 2 hours for 6 buyers of 1 hour a round. Providers ask their cost forward;
        // on the spot book every unit sells, the arbitrageur's too.
        Scenario s = market(3, 6, 1.0, 2, {}, 2.0);
        s.agents.push_back(agent("arb", "trader", "arbitrageur", 0.0, 200.0, 0.0, { { "margin", 0.1 } }));
        s.rounds = 40;
        Simulation sim(s);
        for (int r = 0; r < s.rounds; ++r)
            sim.step();
        const AgentIndex arb = AgentIndex(s.agents.size() - 1);
        QVERIFY2(sim.agents()[arb].budget() > 200.0, qPrintable(QString::number(sim.agents()[arb].budget())));

        Scenario none = s;
        for (AgentSpec& a : none.agents)
            a.holdings.gpu = a.role == "provider" ? a.holdings.gpu : 0.0;
        none.mechanism.params["hedge"] = 0.0; // nobody sells forward
        Simulation idle(none);
        for (int r = 0; r < none.rounds; ++r)
            idle.step();
        QCOMPARE(idle.agents()[arb].budget(), 200.0);
    }
};

QTEST_GUILESS_MAIN(TestFutures)
#include "tst_futures.moc"
