// The JSON Schema (resources/scenario.schema.json) and the catalogs agree: every strategy, mechanism, settlement
// rule and reputation model the engine registers is in the schema with exactly its parameters (type, range, default,
// description), and the schema names nothing the catalogs do not. A kind added to a catalog without the schema, or a
// range changed in one place only, fails here.
#include "kinds.h"

#include <QFile>
#include <QLocale>
#include <QTest>

#include <nlohmann/json.hpp>

#include <set>

using namespace haggle;
using Json = nlohmann::json;

namespace {

Json loadSchema()
{
    QFile f(QStringLiteral(HAGGLE_SOURCE_DIR "/resources/scenario.schema.json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return Json::parse(f.readAll().toStdString());
}

QString qs(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

} // namespace

class TestCatalogSchema : public QObject {
    Q_OBJECT

private slots:
    void schemaMatchesEveryCatalog_data()
    {
        QTest::addColumn<QString>("family");
        QTest::addColumn<QString>("pointer"); // where the family's object schema is
        QTest::addColumn<QString>("typeKey");
        QTest::newRow("strategy") << QStringLiteral("strategy") << QStringLiteral("/$defs/strategy")
                                  << QStringLiteral("type");
        QTest::newRow("mechanism") << QStringLiteral("mechanism") << QStringLiteral("/$defs/mechanism")
                                   << QStringLiteral("type");
        QTest::newRow("settlement") << QStringLiteral("settlement") << QStringLiteral("/$defs/settlement")
                                    << QStringLiteral("type");
        QTest::newRow("reputation") << QStringLiteral("reputation") << QStringLiteral("/$defs/reputation")
                                    << QStringLiteral("model");
        QTest::newRow("event") << QStringLiteral("event") << QStringLiteral("/$defs/event") << QStringLiteral("type");
    }

    void schemaMatchesEveryCatalog()
    {
        QFETCH(QString, family);
        QFETCH(QString, pointer);
        QFETCH(QString, typeKey);
        const Json schema = loadSchema();
        QVERIFY(!schema.is_null());
        const Json& object = schema.at(Json::json_pointer(pointer.toStdString()));
        const std::string key = typeKey.toStdString();

        std::vector<KindInfo> kinds;
        for (const auto& f : engineFamilies()) {
            if (qs(f.name) == family)
                kinds = f.kinds();
        }
        QVERIFY(!kinds.empty());

        // The names: the schema's enum is the catalog's list, in the catalog's order.
        std::vector<std::string> names;
        for (const auto& k : kinds)
            names.emplace_back(k.name);
        QCOMPARE(object.at("properties").at(key).at("enum").get<std::vector<std::string>>(), names);

        // The parameters: one if/then branch per kind, with exactly the kind's parameters.
        std::set<std::string> branches;
        for (const Json& branch : object.at("allOf")) {
            const std::string name = branch.at("if").at("properties").at(key).at("const");
            branches.insert(name);
            const KindInfo* kind = nullptr;
            for (const auto& k : kinds) {
                if (k.name == name)
                    kind = &k;
            }
            QVERIFY2(kind, name.c_str());
            const Json& params = branch.at("then").at("properties").at("params");
            QCOMPARE(params.at("additionalProperties").get<bool>(), false);
            const Json& props = params.at("properties");
            QCOMPARE(props.size(), kind->params.size());
            for (const auto& p : kind->params) {
                const std::string at = name + "." + std::string(p.name);
                QVERIFY2(props.contains(std::string(p.name)), at.c_str());
                const Json& s = props.at(std::string(p.name));
                QCOMPARE(qs(s.at("type").get<std::string>()),
                    p.type == ParameterType::Real ? QStringLiteral("number") : QStringLiteral("integer"));
                QCOMPARE(s.at("minimum").get<double>(), p.min);
                QCOMPARE(s.at("maximum").get<double>(), p.max);
                QCOMPARE(s.at("default").get<double>(), p.defaultValue);
                QCOMPARE(qs(s.at("description").get<std::string>()), qs(p.description));
            }
        }
        // A branch for every kind that has parameters (a kind without any may go without one).
        for (const auto& k : kinds)
            QVERIFY2(k.params.empty() || branches.count(std::string(k.name)), std::string(k.name).c_str());
    }

    // docs/scenario-format.md's tables of kinds: a row per kind of each engine family, listing each parameter as
    // `name` (default, min – max[, whole]).
    void formatDocumentationMatchesEveryCatalog()
    {
        QFile f(QStringLiteral(HAGGLE_SOURCE_DIR "/docs/scenario-format.md"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString doc = QString::fromUtf8(f.readAll());
        const auto number = [](double v) { return QString::number(v, 'g', QLocale::FloatingPointShortest); };
        for (const auto& family : engineFamilies()) {
            for (const auto& kind : family.kinds()) {
                // The kind's row: the first line starting so that lists every parameter (an event kind may share
                // its name with a field, as `strategy` does).
                const QString row = QStringLiteral("| `%1` | ").arg(qs(kind.name));
                QStringList problems;
                bool found = false;
                for (qsizetype at = doc.indexOf(row); at >= 0 && !found; at = doc.indexOf(row, at + 1)) {
                    const QString line = doc.mid(at, doc.indexOf(u'\n', at) - at);
                    QStringList missing;
                    if (kind.params.empty() && !line.contains(QStringLiteral("| none")))
                        missing << QStringLiteral("| none");
                    for (const auto& p : kind.params) {
                        const QString entry
                            = QStringLiteral("`%1` (%2, %3 – %4%5)")
                                  .arg(qs(p.name), number(p.defaultValue), number(p.min), number(p.max),
                                      p.type == ParameterType::Real ? QString() : QStringLiteral(", whole"));
                        if (!line.contains(entry))
                            missing << entry;
                    }
                    for (auto protocol : kind.protocols) {
                        if (family.name == "mechanism" && !line.contains(u'`' + qs(protocol) + u'`'))
                            missing << qs(protocol);
                    }
                    found = missing.isEmpty();
                    problems << missing.join(u',') + QStringLiteral(" in ") + line;
                }
                QVERIFY2(found, qPrintable(row + QStringLiteral(": ") + problems.join(u';')));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestCatalogSchema)
#include "tst_catalogschema.moc"
