// The market mechanisms against hand-worked cases: the maximum surplus of a small market and the double auction's
// efficiency on it, the Vickrey auction's second price, the posted price; zero-intelligence traders' constraint; the
// reverse auction's escrow running dry, its tenant's choice and a market with no bids despite free capacity; an
// agreement terminated for unpaid bills; interruptible instances preempted by higher bids; money (budgets and escrow)
// and holdings conserved every round under every mechanism, cheaters included; and the scenario errors a mechanism its
// traders cannot speak, or an impossible parameter, gets.
#include "doubleauction.h"
#include "interruptible.h"
#include "kinds.h"
#include "orderbook.h"
#include "reverseauction.h"
#include "sealedbidauction.h"
#include "simulation.h"
#include "surplus.h"
#include "testscenarios.h"

#include <QTest>

#include <cmath>
#include <map>

using namespace haggle;
using namespace haggle::test;

namespace {

// Providers with one GPU hour each at the given unit costs, seekers needing one each round at the given urgencies
// (value per unit 1 + urgency at job value 1), every one trading with `trader`.
Scenario handMarket(std::string mechanism, std::string trader, std::vector<double> costs, std::vector<double> urgencies,
    int rounds = 1, std::uint64_t seed = 7)
{
    Scenario s;
    s.name = "hand market";
    s.rounds = rounds;
    s.seed = seed;
    s.mechanism = { std::move(mechanism), {} };
    s.analysis.efficiency = true;
    for (std::size_t i = 0; i < costs.size(); ++i) {
        AgentSpec a = agent("p" + std::to_string(i + 1), "provider", trader, 1.0, 100.0, 0.0);
        a.unitCost = costs[i];
        s.agents.push_back(a);
    }
    for (std::size_t j = 0; j < urgencies.size(); ++j)
        s.agents.push_back(agent("s" + std::to_string(j + 1), "seeker", trader, 0.0, 100.0, urgencies[j]));
    s.demand.rules.push_back(needByRole("seeker", 1.0));
    return s;
}

constexpr double Eps = 1e-9;

} // namespace

class TestMechanisms : public QObject {
    Q_OBJECT

private slots:
    // Values 2.0, 1.5, 1.0 against costs 0.2, 0.5, 1.2: the best allocation serves the two highest values from the
    // two cheapest providers, 1.8 + 1.0 = 2.8 (the third pair would lose 0.2).
    void maximumSurplusOfAHandWorkedMarket()
    {
        QCOMPARE(maximumSurplus({ { 2.0, 1 }, { 1.5, 1 }, { 1.0, 1 } }, { { 0.2, 1 }, { 0.5, 1 }, { 1.2, 1 } }), 2.8);
        // Divisible amounts: 2 units valued 2.0 against 1 unit at 0.5 and 3 at 1.0: 1.5 + 1.0.
        QCOMPARE(maximumSurplus({ { 2.0, 2 } }, { { 1.0, 3 }, { 0.5, 1 } }), 2.5);
        QCOMPARE(maximumSurplus({}, { { 0.5, 1 } }), 0.0);
        QCOMPARE(maximumSurplus({ { 0.4, 1 } }, { { 0.5, 1 } }), 0.0);

        Simulation sim(handMarket("double-auction", "truthful", { 0.2, 0.5, 1.2 }, { 1.0, 0.5, 0.0 }));
        const RoundSummary& s = sim.step();
        QVERIFY(s.maximumSurplus);
        QVERIFY(std::abs(*s.maximumSurplus - 2.8) < Eps);
        QVERIFY(s.surplus <= *s.maximumSurplus + Eps);
        QVERIFY(s.surplus > 0.0);
    }

    // One buyer (value 1.5) and one seller (cost 0.5), truthful: whoever shouts first, they trade, at the standing
    // order's price (0.5 if the ask stood, 1.5 if the bid did), and the surplus is all there was: 1.0.
    void doubleAuctionTradesAtTheStandingQuote()
    {
        for (std::uint64_t seed = 1; seed <= 20; ++seed) {
            Simulation sim(handMarket("double-auction", "truthful", { 0.5 }, { 0.5 }, 1, seed));
            const RoundSummary& s = sim.step();
            QCOMPARE(s.deals, 1);
            const double price = sim.lastEvents().deals[0].unitPrice;
            QVERIFY(std::abs(price - 0.5) < Eps || std::abs(price - 1.5) < Eps);
            QVERIFY(std::abs(s.surplus - 1.0) < Eps);
            QVERIFY(std::abs(*s.maximumSurplus - 1.0) < Eps);
            // The seller received the price and paid its running cost; the buyer paid and ran its job.
            QVERIFY(std::abs(sim.agents()[0].budget() - (100.0 + price - 0.5)) < Eps);
            QVERIFY(std::abs(sim.agents()[1].budget() - (100.0 - price + 1.5)) < Eps);
        }
    }

    // Gode and Sunder's result on the hand market repeated: constrained zero intelligence captures most of the surplus
    // and never trades at a loss; unconstrained zero intelligence does, and captures clearly less.
    void zeroIntelligenceInTheDoubleAuction()
    {
        const std::vector<double> costs { 0.2, 0.4, 0.6, 0.8, 1.0, 1.2, 1.4, 1.6 };
        const std::vector<double> urgencies { 0.0, 0.15, 0.3, 0.45, 0.6, 0.75, 0.9, 1.0 };
        const auto efficiency = [&](const std::string& trader, bool& lossMade) {
            Simulation sim(handMarket("double-auction", trader, costs, urgencies, 200));
            sim.setRecordMessages(false);
            double surplus = 0.0;
            double best = 0.0;
            lossMade = false;
            while (!sim.finished()) {
                const RoundSummary& s = sim.step();
                surplus += s.surplus;
                best += *s.maximumSurplus;
                for (const DealRecord& d : sim.lastEvents().deals) {
                    const double value = 1.0 + sim.agents()[d.buyer].urgency();
                    const double cost = costs[d.seller];
                    lossMade = lossMade || d.unitPrice > value + Eps || d.unitPrice < cost - Eps;
                }
            }
            return surplus / best;
        };
        bool ziCLoss = true;
        bool ziULoss = false;
        const double ziC = efficiency("zi-c", ziCLoss);
        const double ziU = efficiency("zi-u", ziULoss);
        QVERIFY2(!ziCLoss, "a zi-c trader traded at a loss");
        QVERIFY2(ziULoss, "zi-u traders never traded at a loss in 200 rounds");
        QVERIFY2(ziC > 0.9, qPrintable(QString::number(ziC)));
        QVERIFY2(ziC <= 1.0 + Eps, qPrintable(QString::number(ziC)));
        QVERIFY2(ziU < ziC - 0.05, qPrintable(QString::number(ziU) + u' ' + QString::number(ziC)));
    }

    // The award rule by hand: bids 1.8, 1.5, 1.1 and a reserve of 0.5.
    void vickreyPaysTheSecondPrice()
    {
        using Bid = SealedBidAuction::Bid;
        const std::vector<Bid> bids { { 10, 1.8 }, { 11, 1.5 }, { 12, 1.1 } };
        const auto units = [](int n) { return [n](AgentIndex) mutable { return n-- > 0; }; };
        auto first = SealedBidAuction::award(SealedBidAuction::Pricing::FirstPrice, bids, 0.5, units(1));
        QCOMPARE(first.size(), std::size_t(1));
        QCOMPARE(first[0].bid, std::size_t(0));
        QCOMPARE(first[0].price, 1.8);
        auto second = SealedBidAuction::award(SealedBidAuction::Pricing::SecondPrice, bids, 0.5, units(1));
        QCOMPARE(second.size(), std::size_t(1));
        QCOMPARE(second[0].price, 1.5); // the second-highest bid
        // A reserve above the second bid is the price.
        second = SealedBidAuction::award(SealedBidAuction::Pricing::SecondPrice, bids, 1.6, units(1));
        QCOMPARE(second[0].price, 1.6);
        // Two units: both winners pay the highest losing bid.
        second = SealedBidAuction::award(SealedBidAuction::Pricing::SecondPrice, bids, 0.5, units(2));
        QCOMPARE(second.size(), std::size_t(2));
        QCOMPARE(second[0].price, 1.1);
        QCOMPARE(second[1].price, 1.1);
        // No bid reaches the reserve: no sale.
        QVERIFY(SealedBidAuction::award(SealedBidAuction::Pricing::FirstPrice, bids, 1.9, units(1)).empty());

        // In a market: one provider (cost 0.5) and truthful bidders valuing 1.2, 1.5 and 1.9 a unit.
        for (const auto& [mechanism, price] : { std::pair { "vickrey", 1.5 }, std::pair { "first-price", 1.9 } }) {
            Simulation sim(handMarket(mechanism, "truthful", { 0.5 }, { 0.2, 0.5, 0.9 }));
            sim.step();
            const auto& deals = sim.lastEvents().deals;
            QCOMPARE(deals.size(), std::size_t(1));
            QCOMPARE(sim.agents()[deals[0].buyer].id(), std::string("s3"));
            QVERIFY2(std::abs(deals[0].unitPrice - price) < Eps, mechanism);
        }
    }

    // Each buyer compares the posted prices of the providers it visits and buys from the cheapest if it is worth it.
    void postedPriceTakesTheCheapestWorthwhileOffer()
    {
        // Two providers posting their costs, 0.4 and 0.9; visits 3 (both seen); one buyer valuing 1.5.
        Scenario s = handMarket("posted-price", "truthful", { 0.9, 0.4 }, { 0.5 });
        Simulation sim(s);
        sim.step();
        QCOMPARE(sim.lastEvents().deals.size(), std::size_t(1));
        QCOMPARE(sim.lastEvents().deals[0].seller, AgentIndex(1));
        QVERIFY(std::abs(sim.lastEvents().deals[0].unitPrice - 0.4) < Eps);
        // A buyer valuing less than every posted price buys nothing.
        Simulation none(handMarket("posted-price", "truthful", { 1.8 }, { 0.5 }));
        none.step();
        QVERIFY(none.lastEvents().deals.empty());
    }

    // The book keeps the best price first and time priority among equals; a new order replaces the trader's old one.
    void orderBookKeepsPriceAndTimePriority()
    {
        OrderBook book;
        book.placeBid(1, 1.0);
        book.placeBid(2, 1.5);
        book.placeBid(3, 1.5);
        book.placeAsk(4, 2.0);
        book.placeAsk(5, 1.2);
        QCOMPARE(book.bids()[0].trader, AgentIndex(2));
        QCOMPARE(book.bids()[1].trader, AgentIndex(3));
        QCOMPARE(book.bestAsk().value(), 1.2);
        book.placeBid(2, 0.5); // replaces its 1.5
        QCOMPARE(book.bids().size(), std::size_t(3));
        QCOMPARE(book.bids()[0].trader, AgentIndex(3));
        QCOMPARE(book.bids().back().trader, AgentIndex(2));
        const auto* match = book.matchBid(1.3, [](AgentIndex t) { return t != 5; });
        QVERIFY(!match); // the only ask at or below 1.3 does not fit
        match = book.matchAsk(1.2, [](AgentIndex) { return true; });
        QVERIFY(match);
        QCOMPARE(match->trader, AgentIndex(3));
    }

    // A tenant whose escrow holds two rounds and is not topped up loses its lease when the escrow runs dry (a REJECT
    // from the provider, escrow_empty), and with it that round's job; it orders again the next round. With top-up the
    // lease runs on.
    void reverseAuctionEscrowRunsDry()
    {
        Scenario s = handMarket("reverse-auction", "truthful", { 0.5 }, { 0.5 }, 6);
        s.mechanism.params = { { "escrow_rounds", 2 }, { "top_up", 0 } };
        Simulation sim(s);
        std::vector<int> leaseStarts; // rounds with an ACCEPT (a new lease)
        std::vector<int> served; // needs met each round
        int dry = 0;
        while (!sim.finished()) {
            const RoundSummary& r = sim.step();
            served.push_back(r.needsMet);
            for (const Message& m : sim.lastEvents().messages) {
                if (m.type == MessageType::Accept)
                    leaseStarts.push_back(r.round);
                dry += m.type == MessageType::Reject && m.reason == MessageReason::EscrowEmpty;
            }
        }
        // Two rounds paid from a deposit of two: dry in round 3, when the job on it stops; leased anew in round 4.
        QCOMPARE(leaseStarts, (std::vector<int> { 1, 4 }));
        QCOMPARE(dry, 2);
        QCOMPARE(served, (std::vector<int> { 1, 1, 0, 1, 1, 0 }));
        s.mechanism.params["top_up"] = 1;
        Simulation topped(s);
        topped.run(6);
        const auto* auction = dynamic_cast<const ReverseAuction*>(&topped.mechanism());
        QVERIFY(auction);
        QCOMPARE(auction->leases().size(), std::size_t(1));
    }

    // The tenant does not take the cheapest bid from a provider it distrusts: the score weighs price by distrust.
    // Providers ask 0.5 (p1, which never delivers) and 0.6 (p2). Round 1: strangers both, the cheaper wins; it does not
    // deliver, the tenant's view of it falls and the tenant leaves the lease. Round 2: by price alone p1 wins again;
    // with distrust weighing 4 times, p2 does (0.5 x (1 + 4 x (1 - view)) is above 0.6 x 3 once the view is below 0.4).
    void reverseAuctionTenantWeighsTrust()
    {
        const auto secondLease = [](double weight) {
            Scenario s = handMarket("reverse-auction", "truthful", { 0.5, 0.6 }, { 0.5 }, 2);
            s.agents[0].strategy.params["cheat_probability"] = 1.0;
            s.mechanism.params["reputation_weight"] = weight;
            Simulation sim(s);
            sim.step();
            const auto& first = sim.lastEvents().deals;
            if (first.size() != 1 || first[0].seller != 0 || first[0].delivered)
                return NoAgent;
            sim.step();
            const auto& second = sim.lastEvents().deals;
            return second.size() == 1 ? second[0].seller : NoAgent;
        };
        QCOMPARE(secondLease(0.0), AgentIndex(0));
        QCOMPARE(secondLease(4.0), AgentIndex(1));
    }

    // The lease's payment is fixed when it starts (0.5 a round). A price shock that triples the reference price from
    // round 3 raises the provider's running cost to 1.5 a round: it gives notice in round 3 (two more rounds) and the
    // lease ends in round 6 (a REJECT notice each time). A what-if fork to another mechanism gives the escrow back.
    void reverseAuctionNoticeAfterAPriceShock()
    {
        Scenario s = handMarket("reverse-auction", "truthful", { 0.5 }, { 0.5 }, 6);
        s.mechanism.params = { { "notice", 2 }, { "escrow_rounds", 10 } };
        s.events.push_back(scenarioEvent("price-shock", 3, 6, {}, { { "gpu", 3.0 } }));
        Simulation sim(s);
        std::vector<int> notices;
        while (!sim.finished()) {
            const RoundSummary& r = sim.step();
            for (const Message& m : sim.lastEvents().messages) {
                if (m.type == MessageType::Reject && m.reason == MessageReason::Notice)
                    notices.push_back(r.round);
            }
        }
        QCOMPARE(notices, (std::vector<int> { 3, 6 }));

        Scenario two = handMarket("reverse-auction", "truthful", { 0.5 }, { 0.5 }, 4);
        Simulation run(two);
        run.run(2);
        const double held = run.mechanism().heldFunds();
        QVERIFY(held > 0.0);
        const double money = run.totalBudget() + held;
        two.mechanism = { "double-auction", {} };
        Simulation fork(run, two);
        QCOMPARE(fork.mechanism().heldFunds(), 0.0);
        QVERIFY(std::abs(fork.totalBudget() - money) < 1e-9);
    }

    // Fragmentation: providers have 3 GPU hours free each, 12 in all, and every order needs 4: nobody can bid, and
    // nobody is served, though the market has three times the capacity it needs.
    void noBidsDespiteFreeCapacity()
    {
        Scenario s = handMarket("reverse-auction", "zi-c", { 0.2, 0.3, 0.4, 0.5 }, { 0.5 }, 5);
        for (AgentSpec& a : s.agents) {
            if (a.role == "provider")
                a.holdings.gpu = 3.0;
        }
        s.demand.rules[0].need.gpu = 4.0;
        Simulation sim(s);
        while (!sim.finished()) {
            const RoundSummary& r = sim.step();
            QCOMPARE(r.needs, 1);
            QCOMPARE(r.needsMet, 0);
            QVERIFY(*r.maximumSurplus > 0.0); // the divisible bound sees the capacity that no single provider has
        }
    }

    // A requestor that never pays: the provider bills it payment_timeout rounds, then terminates (payment_late).
    void offerDemandTerminatesUnpaidAgreements()
    {
        Scenario s = handMarket("offer-demand", "truthful", { 0.5 }, { 0.5 }, 3);
        s.agents[1].strategy.params["cheat_probability"] = 1.0;
        s.mechanism.params["payment_timeout"] = 2;
        Simulation sim(s);
        std::vector<int> requests;
        int late = 0;
        while (!sim.finished()) {
            const RoundSummary& r = sim.step();
            for (const Message& m : sim.lastEvents().messages) {
                if (m.type == MessageType::Request)
                    requests.push_back(r.round);
                late += m.type == MessageType::Reject && m.reason == MessageReason::PaymentLate;
            }
        }
        // Agreed in round 1, unpaid in rounds 1 and 2: terminated in round 2; a new agreement in round 3.
        QCOMPARE(requests, (std::vector<int> { 1, 3 }));
        QCOMPARE(late, 1);
        QCOMPARE(sim.agents()[0].budget(), 100.0 + 2 * 0.05 - 3 * 0.5); // start fees, no payment, running costs
    }

    // One provider of one GPU hour; a renter bidding 1.2 runs interruptibly from round 1; from round 3 a second renter
    // bids 1.8: the first is preempted and waits while the second runs.
    void interruptibleInstancesArePreempted()
    {
        Scenario s = handMarket("interruptible", "truthful", { 1.0 }, { 0.2, 0.8 }, 5);
        s.agents[0].strategy.params["shade"] = 0.9; // on-demand at 1.9: nobody rents on demand
        s.demand.rules.clear();
        s.demand.rules.push_back(needAmong({ "s1" }, 1.0, std::nullopt));
        DemandPhase later;
        later.name = "both";
        later.firstRound = 3;
        later.lastRound = 5;
        later.rules = { needAmong({ "s1", "s2" }, 1.0, std::nullopt) };
        s.demand.phases.push_back(later);
        Simulation sim(s);
        std::vector<AgentIndex> ran;
        int preempted = 0;
        while (!sim.finished()) {
            sim.step();
            QCOMPARE(sim.lastEvents().deals.size(), std::size_t(1));
            ran.push_back(sim.lastEvents().deals[0].buyer);
            for (const Message& m : sim.lastEvents().messages)
                preempted += m.type == MessageType::Reject && m.reason == MessageReason::Preempted;
        }
        QCOMPARE(ran, (std::vector<AgentIndex> { 1, 1, 2, 2, 2 }));
        QCOMPARE(preempted, 1);
    }

    // Every round, under every mechanism, cheaters included: holdings never change, every lease is back at the round's
    // end, and the money in the market changes by exactly the surplus made (jobs paid less running costs): prices and
    // defaults only move money between agents.
    void budgetsAndHoldingsAreConserved_data()
    {
        QTest::addColumn<QString>("mechanism");
        for (const auto& e : mechanismCatalog().entries())
            QTest::newRow(std::string(e.info.name).c_str()) << qs(std::string(e.info.name));
    }
    void budgetsAndHoldingsAreConserved()
    {
        QFETCH(QString, mechanism);
        Scenario s
            = handMarket(mechanism.toStdString(), "zi-c", { 0.2, 0.5, 0.8, 1.1 }, { 0.0, 0.3, 0.6, 0.9, 1.0 }, 40);
        for (std::size_t i = 0; i < s.agents.size(); i += 3)
            s.agents[i].strategy.params["cheat_probability"] = 0.5;
        s.demand.rules[0].probability = 0.7;
        Simulation sim(s);
        const ResourceBundle holdings = sim.totalHoldings();
        int defaults = 0;
        // All the money in the market: the agents' budgets and what the mechanism holds for them (escrow).
        const auto money = [&] { return sim.totalBudget() + sim.mechanism().heldFunds(); };
        while (!sim.finished()) {
            const double before = money();
            const RoundSummary& r = sim.step();
            defaults += r.defaults;
            QVERIFY2(std::abs(money() - before - r.surplus) < 1e-9,
                qPrintable(QString::number(money() - before - r.surplus)));
            QCOMPARE(sim.totalHoldings(), holdings);
            // No provider delivered more than it holds in a round (a preempted instance's compute is not sold twice).
            std::map<AgentIndex, double> delivered;
            for (const DealRecord& d : sim.lastEvents().deals) {
                if (d.delivered)
                    delivered[d.seller] += d.resources.units();
            }
            for (const auto& [seller, units] : delivered)
                QVERIFY(units <= sim.agents()[seller].holdings().units() + 1e-9);
            for (const Agent& a : sim.agents()) {
                QCOMPARE(a.leasedIn(), ResourceBundle {});
                QCOMPARE(a.leasedOut(), ResourceBundle {});
            }
        }
        QVERIFY(defaults > 0);
    }

    // Same scenario and seed, same run; a copy taken mid-run goes on exactly as the original.
    void everyMechanismIsDeterministic_data() { budgetsAndHoldingsAreConserved_data(); }
    void everyMechanismIsDeterministic()
    {
        QFETCH(QString, mechanism);
        const Scenario s = handMarket(mechanism.toStdString(), "zi-c", { 0.2, 0.5, 0.8 }, { 0.0, 0.5, 1.0, 0.7 }, 20);
        Simulation a(s);
        Simulation b(s);
        a.run(10);
        b.run(10);
        QCOMPARE(a.stateHash(), b.stateHash());
        Simulation c(a);
        a.run(10);
        c.run(10);
        QCOMPARE(a.stateHash(), c.stateHash());
    }

    // A scenario whose strategies cannot speak the mechanism's protocol is refused, naming the agent and the mechanism;
    // an impossible parameter names its JSON path.
    void badMechanismScenariosAreRefused()
    {
        Scenario s = handMarket("double-auction", "zi-c", { 0.5 }, { 0.5 });
        s.agents[1].strategy.type = "greedy";
        auto issues = validateScenario(s);
        QCOMPARE(issues.size(), std::size_t(1));
        QCOMPARE(issues[0].path, std::string("agents[1].strategy.type"));
        QVERIFY(issues[0].message.find("'s1'") != std::string::npos);
        QVERIFY(issues[0].message.find("'double-auction'") != std::string::npos);
        QVERIFY(issues[0].message.find("limit-prices") != std::string::npos);

        s = handMarket("vickrey", "zi-c", { 0.5 }, { 0.5 });
        s.mechanism.params["bidders"] = -1;
        issues = validateScenario(s);
        QCOMPARE(issues.size(), std::size_t(1));
        QCOMPARE(issues[0].path, std::string("mechanism.params.bidders"));

        s = handMarket("posted-price", "zi-c", { -0.5 }, { 0.5 });
        issues = validateScenario(s);
        QCOMPARE(issues.size(), std::size_t(1));
        QCOMPARE(issues[0].path, std::string("agents[0].unit_cost"));

        s = handMarket("reverse-auction", "zi-c", { 0.5 }, { 0.5 });
        s.mechanism.params["bid_deposit"] = 150; // the provider's budget is 100
        issues = validateScenario(s);
        QCOMPARE(issues.size(), std::size_t(1));
        QCOMPARE(issues[0].path, std::string("mechanism.params.bid_deposit"));
        QVERIFY(issues[0].message.find("'p1'") != std::string::npos);
        s.mechanism.params = { { "bid_cap", -3 } };
        issues = validateScenario(s);
        QCOMPARE(issues.size(), std::size_t(1));
        QCOMPARE(issues[0].path, std::string("mechanism.params.bid_cap"));

        // The zero-intelligence traders speak alternating offers too: they negotiate in the bilateral mechanism.
        QVERIFY(validateScenario(handMarket("bilateral", "zi-u", { 0.5 }, { 0.5 })).empty());
    }
};

QTEST_GUILESS_MAIN(TestMechanisms)
#include "tst_mechanisms.moc"
