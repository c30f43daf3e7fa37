// The alternating-offers mechanism: message sequence, turn limit, refusals, budget; and the prototype's 4x4
// strategy matrix played through the simulation over 50 seeds.
#include "negotiation.h"
#include "simulation.h"
#include "strategyregistry.h"
#include "testscenarios.h"

#include <QTest>

using namespace haggle;

namespace {

class FixedSupply final : public SupplyCheck {
public:
    explicit FixedSupply(bool ok)
        : m_ok(ok)
    {
    }
    bool canSupply(NegotiationView&) override
    {
        ++calls;
        return m_ok;
    }
    int calls = 0;

private:
    bool m_ok;
};

NegotiationSetup setupFor(int maxTurns = 6, double budget = 1000.0)
{
    NegotiationSetup s;
    s.id = 7;
    s.round = 3;
    s.maxTurns = maxTurns;
    s.resources.gpu = 10;
    s.referenceValue = 10.0;
    s.buyerView.self = 0;
    s.buyerView.partner = 1;
    s.buyerView.urgency = 0.4;
    s.buyerView.budget = budget;
    s.sellerView.self = 1;
    s.sellerView.partner = 0;
    s.buyerBudget = budget;
    return s;
}

std::unique_ptr<Strategy> make(const char* type, std::optional<double> threshold = std::nullopt)
{
    return makeStrategy({ type, {}, threshold });
}

// A strategy with a bug: it counters with a price that is not a number.
class BrokenStrategy final : public Strategy {
public:
    std::string_view name() const noexcept override { return "broken"; }
    std::unique_ptr<Strategy> clone() const override { return std::make_unique<BrokenStrategy>(); }
    double maxUnitPrice(const NegotiationView&) const override { return 1.0; }
    std::optional<double> openingOffer(const NegotiationView&, Rng&) override { return 5.0; }
    Decision respond(const NegotiationView&, Rng&) override { return Decision::counter(std::nan("")); }
};

} // namespace

class TestNegotiation : public QObject {
    Q_OBJECT

private slots:
    void compatibleStrategiesAgreeInTheFirstExchange()
    {
        auto buyer = make("fair"), seller = make("fair");
        FixedSupply supply(true);
        std::vector<Message> log;
        const auto r = negotiate(setupFor(), *buyer, *seller, supply, test::testRng(), &log);
        QCOMPARE(r.outcome, NegotiationOutcome::Accepted);
        QCOMPARE(r.turns, 1);
        QCOMPARE(r.price, 10.0);
        QCOMPARE(log.size(), std::size_t(3));
        QCOMPARE(log[0].type, MessageType::Request);
        QCOMPARE(log[0].from, AgentIndex(0));
        QCOMPARE(log[0].to, AgentIndex(1));
        QCOMPARE(log[0].urgency, 0.4);
        QCOMPARE(log[0].price, 11.5); // the Fair buyer's maximum: 1.15 x 10
        QCOMPARE(log[1].type, MessageType::Offer);
        QCOMPARE(log[1].from, AgentIndex(1));
        QCOMPARE(log[2].type, MessageType::Accept);
        QCOMPARE(log[2].price, 10.0);
        for (const auto& m : log) {
            QCOMPARE(m.negotiation, std::uint64_t(7));
            QCOMPARE(m.resources.gpu, 10.0);
        }
        QCOMPARE(supply.calls, 1);
    }

    void fairBuyerAgainstGreedySellerHitsTheTurnLimit()
    {
        auto buyer = make("fair"), seller = make("greedy");
        FixedSupply supply(true);
        std::vector<Message> log;
        const auto r = negotiate(setupFor(6), *buyer, *seller, supply, test::testRng(), &log);
        QCOMPARE(r.outcome, NegotiationOutcome::TurnLimit);
        QCOMPARE(r.turns, 6);
        // REQUEST, OFFER, then five COUNTERs alternating buyer, seller, buyer...
        QCOMPARE(log.size(), std::size_t(7));
        QCOMPARE(log[1].type, MessageType::Offer);
        QCOMPARE(log[1].price, 17.0);
        for (std::size_t i = 2; i < log.size(); ++i) {
            QCOMPARE(log[i].type, MessageType::Counter);
            QCOMPARE(log[i].from, AgentIndex(i % 2 == 0 ? 0 : 1));
            QCOMPARE(log[i].turn, int(i));
        }
        // The Fair buyer never goes above 1.15, the Greedy seller never below 1.35.
        for (std::size_t i = 2; i < log.size(); ++i)
            QVERIFY(i % 2 == 0 ? log[i].price <= 11.5 + 1e-9 : log[i].price >= 13.5 - 1e-9);
    }

    void turnLimitIsRespected_data()
    {
        QTest::addColumn<int>("maxTurns");
        for (int t : { 1, 2, 3, 6, 9, 20 })
            QTest::addRow("%d turns", t) << t;
    }

    void turnLimitIsRespected()
    {
        QFETCH(int, maxTurns);
        auto buyer = make("patient"), seller = make("greedy");
        FixedSupply supply(true);
        std::vector<Message> log;
        const auto r = negotiate(setupFor(maxTurns), *buyer, *seller, supply, test::testRng(), &log);
        QCOMPARE(r.outcome, NegotiationOutcome::TurnLimit);
        QCOMPARE(r.turns, maxTurns);
        QCOMPARE(log.size(), std::size_t(1 + maxTurns));
    }

    void sellerRefusesAnUntrustedBuyer()
    {
        auto buyer = make("fair"), seller = make("fair", 0.3);
        auto setup = setupFor();
        setup.sellerView.partnerReputation = 0.2;
        FixedSupply supply(true);
        std::vector<Message> log;
        const auto r = negotiate(setup, *buyer, *seller, supply, test::testRng(), &log);
        QCOMPARE(r.outcome, NegotiationOutcome::Rejected);
        QCOMPARE(r.reason, MessageReason::Untrusted);
        QCOMPARE(log.back().type, MessageType::Reject);
        QCOMPARE(log.back().reason, MessageReason::Untrusted);
        QCOMPARE(supply.calls, 0); // no capacity is even looked at for an untrusted buyer
    }

    void sellerWithoutCapacityRejects()
    {
        auto buyer = make("fair"), seller = make("fair");
        FixedSupply supply(false);
        const auto r = negotiate(setupFor(), *buyer, *seller, supply, test::testRng(), nullptr);
        QCOMPARE(r.outcome, NegotiationOutcome::Rejected);
        QCOMPARE(r.reason, MessageReason::NoCapacity);
    }

    void buyerCannotAcceptBeyondItsBudget()
    {
        auto buyer = make("fair"), seller = make("fair");
        FixedSupply supply(true);
        std::vector<Message> log;
        const auto r = negotiate(setupFor(6, 5.0), *buyer, *seller, supply, test::testRng(), &log);
        QCOMPARE(r.outcome, NegotiationOutcome::Rejected);
        QCOMPARE(r.reason, MessageReason::OverBudget);
        QCOMPARE(log.front().price, 5.0); // the announced maximum is capped at the budget
    }

    void buyerCountersAreCappedAtItsBudget()
    {
        auto buyer = make("cheater"), seller = make("greedy"); // the cheater bids up to 1.2
        FixedSupply supply(true);
        std::vector<Message> log;
        negotiate(setupFor(6, 10.5), *buyer, *seller, supply, test::testRng(), &log);
        for (const auto& m : log) {
            if (m.from == 0 && m.type == MessageType::Counter)
                QVERIFY(m.price <= 10.5 + 1e-9);
        }
    }

    void unusablePricesEndTheNegotiation()
    {
        BrokenStrategy broken;
        auto seller = make("greedy");
        FixedSupply supply(true);
        const auto r = negotiate(setupFor(), broken, *seller, supply, test::testRng(), nullptr);
        QCOMPARE(r.outcome, NegotiationOutcome::Rejected);
        QCOMPARE(r.reason, MessageReason::Declined);
    }

    void recordingDoesNotChangeTheOutcome()
    {
        auto b1 = make("adaptive"), s1 = make("fair"), b2 = make("adaptive"), s2 = make("fair");
        FixedSupply supply(true);
        std::vector<Message> log;
        const auto withLog = negotiate(setupFor(), *b1, *s1, supply, test::testRng(), &log);
        const auto without = negotiate(setupFor(), *b2, *s2, supply, test::testRng(), nullptr);
        QCOMPARE(withLog.outcome, without.outcome);
        QCOMPARE(withLog.price, without.price);
        QCOMPARE(withLog.turns, without.turns);
    }

    void strategyMatrix_data()
    {
        QTest::addColumn<QString>("buyer");
        QTest::addColumn<QString>("seller");
        QTest::addColumn<double>("dealRate");
        const char* names[] = { "greedy", "fair", "patient", "adaptive" };
        for (const char* b : names) {
            for (const char* s : names) {
                const bool compatible = (std::string(b) == "fair" || std::string(b) == "adaptive")
                    && (std::string(s) == "fair" || std::string(s) == "adaptive");
                QTest::addRow("%s buys from %s", b, s)
                    << QString::fromLatin1(b) << QString::fromLatin1(s) << (compatible ? 1.0 : 0.0);
            }
        }
    }

    void strategyMatrix()
    {
        // The published finding: only Fair and Adaptive close deals with each other, every pairing with Greedy or
        // Patient deadlocks; over 50 seeds.
        QFETCH(QString, buyer);
        QFETCH(QString, seller);
        QFETCH(double, dealRate);
        int deals = 0, negotiations = 0, firstExchange = 0;
        for (std::uint64_t seed = 1; seed <= 50; ++seed) {
            Simulation sim(test::handshakePair(buyer.toStdString(), seller.toStdString(), seed));
            const auto& summary = sim.step();
            deals += summary.deals;
            negotiations += summary.negotiations;
            for (const auto& n : sim.lastEvents().negotiations)
                firstExchange += n.outcome == NegotiationOutcome::Accepted && n.turns == 1 ? 1 : 0;
        }
        QCOMPARE(negotiations, 50);
        QCOMPARE(double(deals) / negotiations, dealRate);
        QCOMPARE(firstExchange, deals); // compatible strategies agree at the first offer
    }
};

QTEST_GUILESS_MAIN(TestNegotiation)
#include "tst_negotiation.moc"
