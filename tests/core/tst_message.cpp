// Tests for the protocol vocabulary.
#include "message.h"

#include <QTest>

#include <set>
#include <string>

using namespace haggle;

class TestMessage : public QObject {
    Q_OBJECT

private slots:
    void everyKindHasADistinctNameThatRoundTrips()
    {
        const char* expected[]
            = { "REQUEST", "OFFER", "COUNTER", "ACCEPT", "REJECT", "QUERY_REPUTATION", "REPUTATION_RESPONSE",
                  "ALLOCATE", "RELEASE", "DEFAULT", "GOSSIP", "BID", "ASK", "PROPOSE", "JOIN", "COMMIT", "LEAVE" };
        QCOMPARE(MessageTypeCount, 17);
        std::set<std::string_view> names;
        for (int i = 0; i < MessageTypeCount; ++i) {
            const auto type = static_cast<MessageType>(i);
            const auto name = messageTypeName(type);
            QCOMPARE(std::string(name), std::string(expected[i]));
            names.insert(name);
            QCOMPARE(messageTypeFromName(name), std::optional<MessageType>(type));
        }
        QCOMPARE(names.size(), std::size_t(17));
        QVERIFY(!messageTypeFromName("PAY").has_value());
    }

    void reasonsHaveNames()
    {
        QCOMPARE(messageReasonName(MessageReason::Untrusted), std::string_view("untrusted"));
        QCOMPARE(messageReasonName(MessageReason::PaymentWithheld), std::string_view("payment_withheld"));
        QCOMPARE(messageReasonName(MessageReason::DeliveryWithheld), std::string_view("delivery_withheld"));
    }
};

QTEST_GUILESS_MAIN(TestMessage)
#include "tst_message.moc"
