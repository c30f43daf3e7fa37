// Tests for the message log: the model (batches, trimming, display texts), the filter proxy and the dock.
#include "messagefilterproxy.h"
#include "messagelogdock.h"
#include "messagelogmodel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace haggle;
using namespace haggle::ui;

Q_DECLARE_METATYPE(haggle::ui::LoggedMessage)

namespace {

LoggedMessage makeMessage(int round, MessageType type, AgentIndex from, AgentIndex to, AgentIndex subject = NoAgent)
{
    LoggedMessage logged;
    logged.round = round;
    logged.message.type = type;
    logged.message.from = from;
    logged.message.to = to;
    logged.message.subject = subject;
    return logged;
}

// `count` messages whose round is their sequence number (from `first`), cycling through kinds and agents.
std::vector<LoggedMessage> sequence(int first, int count, AgentIndex agents = 4)
{
    std::vector<LoggedMessage> messages;
    messages.reserve(std::size_t(count));
    for (int i = 0; i < count; ++i) {
        const int n = first + i;
        const auto type = MessageType(n % 10); // the protocol's first ten kinds: round n has kind n % 10
        const auto from = AgentIndex(n) % agents;
        const auto to = AgentIndex(n + 1) % agents;
        const AgentIndex subject = type == MessageType::QueryReputation ? AgentIndex(n + 2) % agents : NoAgent;
        messages.push_back(makeMessage(n, type, from, to, subject));
    }
    return messages;
}

QList<int> proxyRounds(const QAbstractItemModel& proxy)
{
    QList<int> rounds;
    for (int row = 0; row < proxy.rowCount(); ++row)
        rounds.append(proxy.index(row, 0).data(MessageLogModel::RoundRole).toInt());
    return rounds;
}

// Counts filterAcceptsRow calls, to see when the proxy refilters.
class CountingProxy : public MessageFilterProxy {
public:
    mutable int calls = 0;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override
    {
        ++calls;
        return MessageFilterProxy::filterAcceptsRow(sourceRow, sourceParent);
    }
};

} // namespace

class TestMessageLog : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void modelTesterThroughBatchesTrimsAndFilters();
    void trimmingKeepsTheNewestRows();
    void oneInsertAndOneRemovePerBatch();
    void batchLargerThanCapacity();
    void newestRowsInOrderBatchAfterBatch_data();
    void newestRowsInOrderBatchAfterBatch();
    void setCapacityTrims();
    void display_data();
    void display();
    void headersAndAlignment();
    void unknownAndMissingAgents();

    void agentFilter_data();
    void agentFilter();
    void typeFilter();
    void roundRange_data();
    void roundRange();
    void combinedFilters();
    void filterFollowsAppendsAndTrims();
    void persistentIndexesSurviveFilterChanges();
    void refiltersOnlyWhenAFilterChanges();

    void dockBasics();
    void dockAgentFilter();
    void dockSetAgentIdsKeepsSelection();
    void dockTypeMenu();
    void dockRoundBoxes();
    void dockCountLabel();
    void dockFollow_data();
    void dockFollow();
    void dockScrollingUpStopsFollowing();
    void dockTrimKeepsReaderPlace();
};

void TestMessageLog::initTestCase()
{
    // The count label groups digits the user's way; pin a locale so the expected texts are stable.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestMessageLog::modelTesterThroughBatchesTrimsAndFilters()
{
    MessageLogModel model;
    MessageFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester modelTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);

    model.setAgentIds({ QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d") });
    model.setCapacity(50);
    proxy.setAgentFilter(1);
    int next = 1;
    for (int batch = 0; batch < 6; ++batch) {
        model.append(sequence(next, 30));
        next += 30;
        QVERIFY(model.rowCount() <= 50);
        if (batch == 2)
            proxy.setTypeFilter({ int(MessageType::Offer), int(MessageType::QueryReputation) });
        if (batch == 3)
            proxy.setRoundRange(next - 40, -1);
        if (batch == 4)
            proxy.setAgentFilter(-1);
    }
    QCOMPARE(model.rowCount(), 50);
    QCOMPARE(model.totalAppended(), 180);
    model.append({});
    model.setAgentIds({ QStringLiteral("x") });
    proxy.setTypeFilter({});
    proxy.setRoundRange(-1, -1);
    QCOMPARE(proxy.rowCount(), 50);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(proxy.rowCount(), 0);
    QCOMPARE(model.totalAppended(), 0);
    model.append(sequence(1, 80));
    QCOMPARE(model.rowCount(), 50);
    QCOMPARE(proxy.rowCount(), 50);
}

void TestMessageLog::trimmingKeepsTheNewestRows()
{
    MessageLogModel model;
    QCOMPARE(model.capacity(), qsizetype(200'000));
    model.setCapacity(10);
    model.append(sequence(0, 7));
    model.append(sequence(7, 7));
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(model.totalAppended(), 14);
    QCOMPARE(model.messageAt(0).round, 4);
    QCOMPARE(model.messageAt(9).round, 13);
    QCOMPARE(model.index(0, MessageLogModel::RoundColumn).data().toString(), QStringLiteral("4"));
}

void TestMessageLog::oneInsertAndOneRemovePerBatch()
{
    MessageLogModel model;
    model.setCapacity(100);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

    model.append(sequence(0, 60));
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 59);

    model.append(sequence(60, 60));
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(inserted.at(1).at(1).toInt(), 60);
    QCOMPARE(inserted.at(1).at(2).toInt(), 119);
    QCOMPARE(removed.at(0).at(1).toInt(), 0);
    QCOMPARE(removed.at(0).at(2).toInt(), 19);
    QCOMPARE(model.messageAt(0).round, 20);
}

void TestMessageLog::batchLargerThanCapacity()
{
    MessageLogModel model;
    model.setCapacity(10);
    model.append(sequence(0, 5));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.append(sequence(5, 25));
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(model.totalAppended(), 30);
    QCOMPARE(model.messageAt(0).round, 20);
    QCOMPARE(model.messageAt(9).round, 29);
}

void TestMessageLog::newestRowsInOrderBatchAfterBatch_data()
{
    QTest::addColumn<int>("capacity");
    QTest::addColumn<QList<int>>("batches");
    QTest::addColumn<int>("smallerCapacity");
    QTest::newRow("a few rows") << 10 << QList<int> { 3, 7, 4, 9, 1, 10, 12, 2, 5, 6, 8, 11, 1, 1, 30, 4 } << 6;
    // Rows are stored in chunks of a few thousand: batches across chunk boundaries, filling one exactly, and
    // larger than the capacity.
    QTest::newRow("across chunks") << 10'000 << QList<int> { 3'000, 5'000, 4'096, 1, 9'000, 8'191, 20'000, 2, 4'095 }
                                   << 4'500;
}

void TestMessageLog::newestRowsInOrderBatchAfterBatch()
{
    // Batches of every size, smaller and larger than the room left, keep exactly the newest rows, oldest first,
    // through a smaller and a larger capacity and a clear.
    QFETCH(int, capacity);
    QFETCH(QList<int>, batches);
    QFETCH(int, smallerCapacity);
    MessageLogModel model;
    model.setCapacity(capacity);
    int next = 0; // the round of the next message; rows are the `held` newest before it
    qsizetype held = 0;
    const auto check = [&model, &next, &held] {
        const int rows = model.rowCount();
        QCOMPARE(rows, int(held));
        for (int r = 0; r < rows; ++r) {
            if (model.messageAt(r).round != next - rows + r)
                QFAIL(qPrintable(
                    QStringLiteral("row %1 of %2 is round %3").arg(r).arg(rows).arg(model.messageAt(r).round)));
        }
        if (rows > 0) {
            QCOMPARE(model.index(0, MessageLogModel::RoundColumn).data().toString(), QString::number(next - rows));
            QCOMPARE(model.index(rows - 1, MessageLogModel::RoundColumn).data().toString(), QString::number(next - 1));
        }
    };
    const auto append = [&](const QList<int>& sizes) {
        for (const int size : sizes) {
            model.append(sequence(next, size));
            next += size;
            held = std::min(held + size, model.capacity());
            check();
            if (QTest::currentTestFailed())
                return;
        }
    };
    append(batches);
    model.setCapacity(smallerCapacity);
    held = std::min<qsizetype>(held, smallerCapacity);
    check();
    model.setCapacity(capacity * 2);
    append(batches);
    model.clear();
    next = 0;
    held = 0;
    append({ 4 });
}

void TestMessageLog::setCapacityTrims()
{
    MessageLogModel model;
    model.append(sequence(0, 30));
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.setCapacity(40);
    QCOMPARE(removed.count(), 0);
    model.setCapacity(12);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(model.rowCount(), 12);
    QCOMPARE(model.messageAt(0).round, 18);
    QCOMPARE(model.totalAppended(), 30);
}

void TestMessageLog::display_data()
{
    QTest::addColumn<LoggedMessage>("message");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("price");
    QTest::addColumn<QString>("details");
    QTest::addColumn<QString>("toolTip");

    // The row's name is the type column's expected text.
    auto row = [](const char* type, const LoggedMessage& message, const char* from, const char* to, const char* price,
                   const char* details, const char* toolTip) {
        QTest::newRow(type) << message << QString::fromLatin1(type) << QString::fromLatin1(from)
                            << QString::fromLatin1(to) << QString::fromLatin1(price) << QString::fromLatin1(details)
                            << QString::fromLatin1(toolTip);
    };
    const AgentIndex b0 = 0, s1 = 1, b2 = 2;
    auto make = [](MessageType type, AgentIndex from, AgentIndex to) {
        LoggedMessage m = makeMessage(3, type, from, to);
        m.message.negotiation = 7;
        m.message.turn = 1;
        return m;
    };

    LoggedMessage request = make(MessageType::Request, b0, s1);
    request.message.turn = 0;
    request.message.resources = { 10.0, 4.0, 0.0 };
    request.message.price = 50.0;
    request.message.urgency = 0.5;
    row("REQUEST", request, "b0", "s1", "50.00", "gpu 10, cpu 4; urgency 0.50",
        "Round 3, negotiation 7, turn 0: REQUEST from b0 to s1, price 50.00 (gpu 10, cpu 4; urgency 0.50)");

    LoggedMessage offer = make(MessageType::Offer, s1, b0);
    offer.message.resources = { 10.0, 0.0, 0.0 };
    offer.message.price = 42.5;
    row("OFFER", offer, "s1", "b0", "42.50", "gpu 10",
        "Round 3, negotiation 7, turn 1: OFFER from s1 to b0, price 42.50 (gpu 10)");

    LoggedMessage counter = make(MessageType::Counter, b0, s1);
    counter.message.turn = 2;
    counter.message.resources = { 0.0, 0.0, 2.5 };
    counter.message.price = 40.125;
    row("COUNTER", counter, "b0", "s1", "40.13", "memory 2.5",
        "Round 3, negotiation 7, turn 2: COUNTER from b0 to s1, price 40.13 (memory 2.5)");

    LoggedMessage accept = make(MessageType::Accept, s1, b0);
    accept.message.resources = { 10.0, 0.0, 0.0 };
    accept.message.price = 41.0;
    row("ACCEPT", accept, "s1", "b0", "41.00", "gpu 10",
        "Round 3, negotiation 7, turn 1: ACCEPT from s1 to b0, price 41.00 (gpu 10)");

    LoggedMessage reject = make(MessageType::Reject, s1, b0);
    reject.message.reason = MessageReason::Untrusted;
    reject.message.price = 99.0; // not part of a REJECT: must not show
    row("REJECT", reject, "s1", "b0", "", "untrusted",
        "Round 3, negotiation 7, turn 1: REJECT from s1 to b0 (untrusted)");

    LoggedMessage query = make(MessageType::QueryReputation, b0, b2);
    query.message.turn = 0;
    query.message.subject = s1;
    row("QUERY_REPUTATION", query, "b0", "b2", "", "about s1",
        "Round 3, negotiation 7, turn 0: QUERY_REPUTATION from b0 to b2 (about s1)");

    LoggedMessage response = make(MessageType::ReputationResponse, b2, b0);
    response.message.turn = 0;
    response.message.subject = s1;
    response.message.reputation = 0.42;
    row("REPUTATION_RESPONSE", response, "b2", "b0", "", "about s1: 0.42",
        "Round 3, negotiation 7, turn 0: REPUTATION_RESPONSE from b2 to b0 (about s1: 0.42)");

    LoggedMessage allocate = make(MessageType::Allocate, s1, b0);
    allocate.message.resources = { 10.0, 0.0, 1.0 };
    allocate.message.price = 41.0;
    row("ALLOCATE", allocate, "s1", "b0", "41.00", "gpu 10, memory 1",
        "Round 3, negotiation 7, turn 1: ALLOCATE from s1 to b0, price 41.00 (gpu 10, memory 1)");

    LoggedMessage release = make(MessageType::Release, b0, s1);
    release.message.resources = { 10.0, 0.0, 0.0 };
    row("RELEASE", release, "b0", "s1", "", "gpu 10", "Round 3, negotiation 7, turn 1: RELEASE from b0 to s1 (gpu 10)");

    LoggedMessage defaulted = make(MessageType::Default, s1, b0);
    defaulted.message.negotiation = 0; // settles no negotiation in this row: no negotiation/turn in the tooltip
    defaulted.message.resources = { 0.0, 8.0, 0.0 };
    defaulted.message.price = 12.0;
    defaulted.message.reason = MessageReason::PaymentWithheld;
    row("DEFAULT", defaulted, "s1", "b0", "12.00", "payment_withheld; cpu 8",
        "Round 3: DEFAULT from s1 to b0, price 12.00 (payment_withheld; cpu 8)");
}

void TestMessageLog::display()
{
    QFETCH(LoggedMessage, message);
    QFETCH(QString, type);
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, price);
    QFETCH(QString, details);
    QFETCH(QString, toolTip);

    MessageLogModel model;
    model.setAgentIds({ QStringLiteral("b0"), QStringLiteral("s1"), QStringLiteral("b2") });
    model.append({ message });
    auto text = [&model](int column) { return model.index(0, column).data().toString(); };
    QCOMPARE(text(MessageLogModel::RoundColumn), QStringLiteral("3"));
    QCOMPARE(text(MessageLogModel::NegotiationColumn),
        message.message.negotiation ? QString::number(message.message.negotiation) : QString());
    QCOMPARE(text(MessageLogModel::TurnColumn), QString::number(message.message.turn));
    QCOMPARE(text(MessageLogModel::TypeColumn), type);
    QCOMPARE(text(MessageLogModel::FromColumn), from);
    QCOMPARE(text(MessageLogModel::ToColumn), to);
    QCOMPARE(text(MessageLogModel::PriceColumn), price);
    QCOMPARE(text(MessageLogModel::DetailsColumn), details);
    QCOMPARE(model.index(0, MessageLogModel::TypeColumn).data(Qt::ToolTipRole).toString(), toolTip);
    QCOMPARE(model.index(0, 0).data(MessageLogModel::TypeRole).toInt(), int(message.message.type));
    QCOMPARE(model.index(0, 0).data(MessageLogModel::RoundRole).toInt(), 3);
}

void TestMessageLog::headersAndAlignment()
{
    MessageLogModel model;
    model.append(sequence(1, 1));
    const QStringList expected { QStringLiteral("Round"), QStringLiteral("Negotiation"), QStringLiteral("Turn"),
        QStringLiteral("Type"), QStringLiteral("From"), QStringLiteral("To"), QStringLiteral("Price"),
        QStringLiteral("Details") };
    QCOMPARE(model.columnCount(), int(expected.size()));
    for (int column = 0; column < model.columnCount(); ++column) {
        QCOMPARE(model.headerData(column, Qt::Horizontal).toString(), expected.at(column));
        const auto alignment = Qt::Alignment(model.index(0, column).data(Qt::TextAlignmentRole).toInt());
        const bool numeric = column == MessageLogModel::RoundColumn || column == MessageLogModel::NegotiationColumn
            || column == MessageLogModel::TurnColumn || column == MessageLogModel::PriceColumn;
        QCOMPARE(bool(alignment & Qt::AlignRight), numeric);
    }
}

void TestMessageLog::unknownAndMissingAgents()
{
    MessageLogModel model;
    model.setAgentIds({ QStringLiteral("only") });
    model.append({ makeMessage(1, MessageType::QueryReputation, 0, 7, NoAgent) });
    QCOMPARE(model.index(0, MessageLogModel::FromColumn).data().toString(), QStringLiteral("only"));
    QCOMPARE(model.index(0, MessageLogModel::ToColumn).data().toString(), QStringLiteral("#7"));
    QCOMPARE(model.index(0, 0).data(MessageLogModel::SubjectRole).toInt(), -1);
    QCOMPARE(model.index(0, 0).data(MessageLogModel::ToRole).toInt(), 7);
}

void TestMessageLog::agentFilter_data()
{
    QTest::addColumn<int>("agent");
    QTest::addColumn<QList<int>>("rounds");
    // Rows (round: from -> to, subject): 1: 0->1, 2: 1->2, 3: 2->0 about 1, 4: 3->2 about 0, 5: 2->3.
    QTest::newRow("any") << -1 << QList<int> { 1, 2, 3, 4, 5 };
    QTest::newRow("sender or receiver") << 0 << QList<int> { 1, 3, 4 };
    QTest::newRow("subject only") << 1 << QList<int> { 1, 2, 3 };
    QTest::newRow("receiver and sender") << 3 << QList<int> { 4, 5 };
    QTest::newRow("nobody") << 9 << QList<int> {};
}

void TestMessageLog::agentFilter()
{
    QFETCH(int, agent);
    QFETCH(QList<int>, rounds);
    MessageLogModel model;
    MessageFilterProxy proxy;
    proxy.setSourceModel(&model);
    model.append({ makeMessage(1, MessageType::Offer, 0, 1), makeMessage(2, MessageType::Counter, 1, 2),
        makeMessage(3, MessageType::QueryReputation, 2, 0, 1), makeMessage(4, MessageType::ReputationResponse, 3, 2, 0),
        makeMessage(5, MessageType::Release, 2, 3) });
    proxy.setAgentFilter(agent);
    QCOMPARE(proxy.agentFilter(), agent);
    QCOMPARE(proxyRounds(proxy), rounds);
}

void TestMessageLog::typeFilter()
{
    MessageLogModel model;
    MessageFilterProxy proxy;
    proxy.setSourceModel(&model);
    model.append(sequence(0, 30)); // round n has kind n % 10
    proxy.setTypeFilter({ int(MessageType::Offer) });
    QCOMPARE(proxyRounds(proxy), (QList<int> { 1, 11, 21 }));
    proxy.setTypeFilter({ int(MessageType::Request), int(MessageType::Default) });
    QCOMPARE(proxyRounds(proxy), (QList<int> { 0, 9, 10, 19, 20, 29 }));
    QCOMPARE(proxy.typeFilter(), (QSet<int> { int(MessageType::Request), int(MessageType::Default) }));
    proxy.setTypeFilter({});
    QCOMPARE(proxy.rowCount(), 30);
    QSet<int> all;
    for (int type = 0; type < MessageTypeCount; ++type)
        all.insert(type);
    proxy.setTypeFilter(all);
    QCOMPARE(proxy.rowCount(), 30);
    QVERIFY(!proxy.isFiltering());
}

void TestMessageLog::roundRange_data()
{
    QTest::addColumn<int>("first");
    QTest::addColumn<int>("last");
    QTest::addColumn<QList<int>>("rounds");
    QTest::newRow("unbounded") << -1 << -1 << QList<int> { 1, 2, 3, 4, 5, 6 };
    QTest::newRow("from") << 4 << -1 << QList<int> { 4, 5, 6 };
    QTest::newRow("to") << -1 << 2 << QList<int> { 1, 2 };
    QTest::newRow("between") << 2 << 4 << QList<int> { 2, 3, 4 };
    QTest::newRow("single") << 5 << 5 << QList<int> { 5 };
    QTest::newRow("empty") << 5 << 3 << QList<int> {};
}

void TestMessageLog::roundRange()
{
    QFETCH(int, first);
    QFETCH(int, last);
    QFETCH(QList<int>, rounds);
    MessageLogModel model;
    MessageFilterProxy proxy;
    proxy.setSourceModel(&model);
    model.append(sequence(1, 6));
    proxy.setRoundRange(first, last);
    QCOMPARE(proxyRounds(proxy), rounds);
}

void TestMessageLog::combinedFilters()
{
    MessageLogModel model;
    MessageFilterProxy proxy;
    proxy.setSourceModel(&model);
    model.append(sequence(0, 40)); // round n: kind n % 10, from n % 4, to (n + 1) % 4, queries about (n + 2) % 4
    proxy.setAgentFilter(2);
    proxy.setTypeFilter({ int(MessageType::Offer), int(MessageType::QueryReputation) });
    // Offers (n % 10 == 1) from or to 2: n = 1, 21. Queries (n % 10 == 5) touching 2: 5, 25 (15 and 35 are 3 -> 0
    // about 1).
    QCOMPARE(proxyRounds(proxy), (QList<int> { 1, 5, 21, 25 }));
    proxy.setRoundRange(3, 24);
    QCOMPARE(proxyRounds(proxy), (QList<int> { 5, 21 }));
    proxy.setAgentFilter(-1);
    QCOMPARE(proxyRounds(proxy), (QList<int> { 5, 11, 15, 21 }));
}

void TestMessageLog::filterFollowsAppendsAndTrims()
{
    MessageLogModel model;
    MessageFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCapacity(20);
    proxy.setTypeFilter({ int(MessageType::Request) });
    model.append(sequence(0, 15));
    QCOMPARE(proxyRounds(proxy), (QList<int> { 0, 10 }));
    model.append(sequence(15, 15)); // keeps 10..29
    QCOMPARE(proxyRounds(proxy), (QList<int> { 10, 20 }));
    model.append(sequence(30, 5)); // keeps 15..34
    QCOMPARE(proxyRounds(proxy), (QList<int> { 20, 30 }));
}

void TestMessageLog::persistentIndexesSurviveFilterChanges()
{
    MessageLogModel model;
    MessageFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.append(sequence(0, 40));
    const QPersistentModelIndex selected = proxy.index(21, MessageLogModel::TypeColumn); // an OFFER from 1 to 2
    proxy.setAgentFilter(2);
    QVERIFY(selected.isValid());
    QCOMPARE(selected.data(MessageLogModel::RoundRole).toInt(), 21);
    QCOMPARE(selected.row(), proxyRounds(proxy).indexOf(21));
    proxy.setTypeFilter({ int(MessageType::Request) });
    QVERIFY(!selected.isValid());
}

void TestMessageLog::refiltersOnlyWhenAFilterChanges()
{
    MessageLogModel model;
    CountingProxy proxy;
    proxy.setSourceModel(&model);
    model.append(sequence(0, 50));
    proxy.setAgentFilter(1); // n % 4 == 0 or 1 (26 rows), and the queries about 1: 15, 35
    QCOMPARE(proxy.rowCount(), 28);
    proxy.calls = 0;
    QSignalSpy layoutChanged(&proxy, &QAbstractItemModel::layoutChanged);
    proxy.setAgentFilter(1);
    proxy.setTypeFilter({});
    proxy.setRoundRange(-1, -1);
    proxy.setRoundRange(-5, -2); // any negative is "unbounded": the same range
    QCOMPARE(proxy.rowCount(), 28);
    QCOMPARE(proxy.calls, 0);
    QCOMPARE(layoutChanged.count(), 0);

    proxy.setRoundRange(10, -1);
    QCOMPARE(proxy.rowCount(), 22);
    QCOMPARE(proxy.calls, 50);
    QCOMPARE(layoutChanged.count(), 1);
}

void TestMessageLog::dockBasics()
{
    MessageLogDock dock;
    QCOMPARE(dock.objectName(), QStringLiteral("messageLogDock"));
    QCOMPARE(dock.windowTitle(), QStringLiteral("Message log"));
    QCOMPARE(dock.view()->model(), dock.proxy());
    QCOMPARE(dock.proxy()->sourceModel(), dock.model());
    QCOMPARE(dock.view()->verticalHeader()->sectionResizeMode(0), QHeaderView::Fixed);
    QVERIFY(dock.view()->horizontalHeader()->stretchLastSection());
    QVERIFY(!dock.view()->wordWrap());
    QVERIFY(dock.view()->alternatingRowColors());
    QCOMPARE(dock.view()->selectionBehavior(), QAbstractItemView::SelectRows);
    QVERIFY(dock.follow());
}

void TestMessageLog::dockAgentFilter()
{
    MessageLogDock dock;
    auto* combo = dock.findChild<QComboBox*>(QStringLiteral("agentFilter"));
    QVERIFY(combo);
    QSignalSpy changed(&dock, &MessageLogDock::agentFilterChanged);
    dock.setAgentIds({ QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d") });
    dock.appendMessages(sequence(0, 40), 0);
    QCOMPARE(combo->count(), 5);
    QCOMPARE(combo->itemText(0), QStringLiteral("All agents"));

    dock.setAgentFilter(2);
    QCOMPARE(combo->currentText(), QStringLiteral("c"));
    QCOMPARE(dock.agentFilter(), 2);
    QCOMPARE(dock.view()->model()->rowCount(), 20); // 2 sends when n % 4 == 2, receives when n % 4 == 1
    for (int row = 0; row < dock.view()->model()->rowCount(); ++row) {
        const QModelIndex index = dock.view()->model()->index(row, 0);
        QVERIFY(index.data(MessageLogModel::FromRole).toInt() == 2 || index.data(MessageLogModel::ToRole).toInt() == 2
            || index.data(MessageLogModel::SubjectRole).toInt() == 2);
    }
    QCOMPARE(changed.count(), 0);

    combo->setCurrentIndex(combo->findText(QStringLiteral("d"))); // as the user would
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toInt(), 3);
    QCOMPARE(dock.proxy()->agentFilter(), 3);

    dock.setAgentFilter(-1);
    QCOMPARE(combo->currentIndex(), 0);
    QCOMPARE(dock.view()->model()->rowCount(), 40);
    dock.setAgentFilter(17); // not an agent: back to all
    QCOMPARE(combo->currentIndex(), 0);
    QCOMPARE(dock.agentFilter(), -1);
    QCOMPARE(changed.count(), 1);
}

void TestMessageLog::dockSetAgentIdsKeepsSelection()
{
    MessageLogDock dock;
    auto* combo = dock.findChild<QComboBox*>(QStringLiteral("agentFilter"));
    QSignalSpy changed(&dock, &MessageLogDock::agentFilterChanged);
    dock.setAgentIds({ QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") });
    dock.setAgentFilter(1);
    dock.setAgentIds({ QStringLiteral("z"), QStringLiteral("y"), QStringLiteral("b") });
    QCOMPARE(combo->currentText(), QStringLiteral("b"));
    QCOMPARE(dock.agentFilter(), 2);
    dock.setAgentIds({ QStringLiteral("z") });
    QCOMPARE(combo->currentIndex(), 0);
    QCOMPARE(dock.agentFilter(), -1);
    QCOMPARE(combo->count(), 2);
    QCOMPARE(changed.count(), 0);
}

void TestMessageLog::dockTypeMenu()
{
    MessageLogDock dock;
    dock.appendMessages(sequence(0, 30), 0);
    auto* button = dock.findChild<QToolButton*>(QStringLiteral("typeFilter"));
    QVERIFY(button && button->menu());
    const QList<QAction*> actions = button->menu()->actions();
    auto action = [&actions](const QString& text) -> QAction* {
        for (QAction* a : actions) {
            if (a->text() == text)
                return a;
        }
        return nullptr;
    };
    QAction* all = action(QStringLiteral("All"));
    QVERIFY(all && all->isChecked());
    for (int type = 0; type < MessageTypeCount; ++type) {
        const std::string_view name = messageTypeName(MessageType(type));
        QVERIFY2(action(QString::fromLatin1(name.data(), qsizetype(name.size()))), name.data());
    }
    QCOMPARE(button->text(), QStringLiteral("All types"));

    action(QStringLiteral("ACCEPT"))->trigger();
    QVERIFY(!all->isChecked());
    QCOMPARE(button->text(), QStringLiteral("ACCEPT"));
    QCOMPARE(proxyRounds(*dock.proxy()), (QList<int> { 3, 13, 23 }));
    action(QStringLiteral("RELEASE"))->trigger();
    QCOMPARE(button->text(), QStringLiteral("2 types"));
    QCOMPARE(proxyRounds(*dock.proxy()), (QList<int> { 3, 8, 13, 18, 23, 28 }));

    all->trigger();
    QVERIFY(all->isChecked());
    QVERIFY(!action(QStringLiteral("ACCEPT"))->isChecked());
    QCOMPARE(dock.proxy()->rowCount(), 30);
    all->trigger(); // "All" cannot be switched off by itself
    QVERIFY(all->isChecked());

    action(QStringLiteral("OFFER"))->trigger();
    action(QStringLiteral("OFFER"))->trigger(); // unchecking the last kind means all again
    QVERIFY(all->isChecked());
    QCOMPARE(dock.proxy()->rowCount(), 30);

    // Clicking kinds in the open menu toggles them and leaves the menu open for the next one.
    QMenu* menu = button->menu();
    menu->popup(QPoint(0, 0));
    QVERIFY(QTest::qWaitForWindowExposed(menu));
    QAction* offer = action(QStringLiteral("OFFER"));
    QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(offer).center());
    QVERIFY(offer->isChecked());
    QVERIFY(menu->isVisible());
    QCOMPARE(proxyRounds(*dock.proxy()), (QList<int> { 1, 11, 21 }));
    menu->close();

    dock.setTypeFilter({ int(MessageType::Default) });
    QVERIFY(action(QStringLiteral("DEFAULT"))->isChecked());
    QVERIFY(!all->isChecked());
    QCOMPARE(proxyRounds(*dock.proxy()), (QList<int> { 9, 19, 29 }));
}

void TestMessageLog::dockRoundBoxes()
{
    MessageLogDock dock;
    dock.appendMessages(sequence(1, 20), 0);
    auto* first = dock.findChild<QSpinBox*>(QStringLiteral("firstRound"));
    auto* last = dock.findChild<QSpinBox*>(QStringLiteral("lastRound"));
    QVERIFY(first && last);
    first->setValue(5);
    QCOMPARE(dock.proxy()->firstRound(), 5);
    QCOMPARE(dock.proxy()->lastRound(), -1);
    QCOMPARE(dock.proxy()->rowCount(), 16);
    last->setValue(7);
    QCOMPARE(proxyRounds(*dock.proxy()), (QList<int> { 5, 6, 7 }));
    first->setValue(0); // 0 = unbounded
    QCOMPARE(dock.proxy()->firstRound(), -1);
    QCOMPARE(dock.proxy()->rowCount(), 7);
    dock.setRoundRange(10, 0);
    QCOMPARE(first->value(), 10);
    QCOMPARE(dock.proxy()->rowCount(), 11);
}

void TestMessageLog::dockCountLabel()
{
    MessageLogDock dock;
    auto* count = dock.findChild<QLabel*>(QStringLiteral("countLabel"));
    auto* note = dock.findChild<QLabel*>(QStringLiteral("noteLabel"));
    QVERIFY(count && note);
    dock.setAgentIds({ QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d") });
    QCOMPARE(count->text(), QStringLiteral("0 messages (0 shown)"));

    dock.appendMessages(sequence(0, 12'345), 0);
    QCOMPARE(count->text(), QStringLiteral("12,345 messages (12,345 shown)"));
    QVERIFY(note->isHidden());

    dock.setTypeFilter({ int(MessageType::ReputationResponse) }); // n % 10 == 6
    QCOMPARE(count->text(), QStringLiteral("12,345 messages (1,234 shown)"));

    dock.appendMessages({}, 5'000);
    dock.appendMessages(sequence(12'345, 1), 2'500);
    QCOMPARE(count->text(), QStringLiteral("12,346 messages (1,234 shown)"));
    QVERIFY(!note->isHidden());
    QCOMPARE(note->text(), QStringLiteral("7,500 skipped at full speed"));
    QCOMPARE(dock.skippedMessages(), std::size_t(7'500));

    dock.model()->setCapacity(10'000);
    QCOMPARE(count->text(), QStringLiteral("10,000 messages (1,000 shown)"));
    QCOMPARE(note->text(), QStringLiteral("7,500 skipped at full speed, 2,346 oldest not kept"));

    dock.clear();
    QCOMPARE(count->text(), QStringLiteral("0 messages (0 shown)"));
    QVERIFY(note->isHidden());
    dock.appendMessages(sequence(1, 1), 0); // an OFFER: clearing keeps the filters
    QCOMPARE(count->text(), QStringLiteral("1 message (0 shown)"));
    dock.appendMessages(sequence(6, 1), 0);
    QCOMPARE(count->text(), QStringLiteral("2 messages (1 shown)"));
}

void TestMessageLog::dockFollow_data()
{
    QTest::addColumn<bool>("follow");
    QTest::newRow("on") << true;
    QTest::newRow("off") << false;
}

void TestMessageLog::dockFollow()
{
    QFETCH(bool, follow);
    MessageLogDock dock;
    dock.resize(700, 300);
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    dock.setFollow(follow);
    QCOMPARE(dock.follow(), follow);
    QScrollBar* bar = dock.view()->verticalScrollBar();

    for (int batch = 0; batch < 3; ++batch) {
        dock.appendMessages(sequence(batch * 400, 400), 0);
        QCoreApplication::processEvents();
        QVERIFY(bar->maximum() > 0);
        if (follow) {
            QCOMPARE(bar->value(), bar->maximum());
            const QModelIndex last = dock.view()->model()->index(dock.view()->model()->rowCount() - 1, 0);
            QVERIFY(dock.view()->viewport()->rect().intersects(dock.view()->visualRect(last)));
        } else {
            QCOMPARE(bar->value(), 0);
        }
    }

    // Switching follow on jumps to the newest row.
    dock.setFollow(true);
    QCoreApplication::processEvents();
    QCOMPARE(bar->value(), bar->maximum());
}

void TestMessageLog::dockScrollingUpStopsFollowing()
{
    MessageLogDock dock;
    dock.resize(700, 300);
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    dock.appendMessages(sequence(0, 500), 0);
    QCoreApplication::processEvents();
    QVERIFY(dock.follow());
    QScrollBar* bar = dock.view()->verticalScrollBar();
    bar->triggerAction(QAbstractSlider::SliderPageStepSub);
    QVERIFY(!dock.follow());
    const int value = bar->value();
    dock.appendMessages(sequence(500, 100), 0);
    QCoreApplication::processEvents();
    QCOMPARE(bar->value(), value);
    QVERIFY(bar->value() < bar->maximum());
}

void TestMessageLog::dockTrimKeepsReaderPlace()
{
    MessageLogDock dock;
    dock.resize(700, 300);
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    dock.setFollow(false);
    dock.model()->setCapacity(1'000);
    dock.appendMessages(sequence(0, 1'000), 0);
    QCoreApplication::processEvents();
    QScrollBar* bar = dock.view()->verticalScrollBar();
    bar->setValue(500);
    QCoreApplication::processEvents();
    auto topRound = [&dock] { return dock.view()->indexAt(QPoint(1, 1)).data(MessageLogModel::RoundRole).toInt(); };
    QCOMPARE(topRound(), 500);

    dock.appendMessages(sequence(1'000, 100), 0); // trims rounds 0..99
    QCoreApplication::processEvents();
    QCOMPARE(dock.model()->messageAt(0).round, 100);
    QCOMPARE(topRound(), 500);
}

QTEST_MAIN(TestMessageLog)
#include "tst_messagelog.moc"
