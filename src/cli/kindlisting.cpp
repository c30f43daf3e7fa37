// What `haggle-cli list` prints (see kindlisting.h).
#include "kindlisting.h"

#include "builtinscenarios.h"
#include "chartcatalog.h"
#include "experimentcatalog.h"
#include "kinds.h"
#include "prototype/protocatalog.h"
#include "prototype/prototypecatalog.h"
#include "qtext.h"
#include "scenario.h"
#include "sweepmetrics.h"

#include <QLocale>

namespace haggle::cli {

namespace {

QString scenarios()
{
    QString text = QStringLiteral("scenario: the built-in scenarios (use as builtin:NAME)\n");
    for (auto key : lab::builtinScenarioKeys()) {
        const Scenario s = lab::builtinScenario(key);
        text += QStringLiteral("  builtin:%1  %2 (%3 agents, %4 rounds)\n")
                    .arg(toQString(key), QString::fromStdString(s.name))
                    .arg(s.agents.size())
                    .arg(s.rounds);
    }
    return text;
}

} // namespace

std::vector<CatalogFamily> listedFamilies()
{
    auto families = engineFamilies();
    families.push_back(lab::experimentFamily());
    families.push_back(lab::metricFamily());
    families.push_back(lab::seriesFamily());
    families.push_back(charts::chartFamily());
    // The prototype rules' kinds (scenario "rules": "prototype", `run --rules prototype`).
    for (auto& f : prototype::prototypeFamilies())
        families.push_back(std::move(f));
    families.push_back(lab::prototypeExperimentFamily()); // `experiment NAME --rules prototype`
    return families;
}

QStringList listableNames()
{
    QStringList names { QStringLiteral("scenario") };
    for (const auto& f : listedFamilies())
        names.append(toQString(f.name));
    return names;
}

QString describeFamily(const CatalogFamily& family)
{
    QString text = QStringLiteral("%1: %2\n").arg(toQString(family.name), toQString(family.description));
    const auto number = [](double v) { return QString::number(v, 'g', QLocale::FloatingPointShortest); };
    for (const auto& kind : family.kinds()) {
        text += QStringLiteral("  %1  %2\n").arg(toQString(kind.name), toQString(kind.description));
        if (!kind.protocols.empty()) {
            QStringList protocols;
            for (auto p : kind.protocols)
                protocols.append(toQString(p));
            // An event kind lists what it takes (an agent, a group, a range of rounds, a strategy); the others, the
            // protocols they speak or need.
            const QString label = family.name == "event" ? QStringLiteral("takes") : QStringLiteral("protocols");
            text += QStringLiteral("      %1: %2\n").arg(label, protocols.join(QStringLiteral(", ")));
        }
        for (const auto& p : kind.params)
            text
                += QStringLiteral("      %1: %2 in [%3, %4], default %5%6; %7\n")
                       .arg(toQString(p.name), toQString(parameterTypeName(p.type)), number(p.min), number(p.max),
                           number(p.defaultValue), p.unit.empty() ? QString() : QStringLiteral(" ") + toQString(p.unit),
                           toQString(p.description));
    }
    return text;
}

std::optional<QString> listing(const QString& family)
{
    if (family.isEmpty()) {
        QString text = scenarios();
        for (const auto& f : listedFamilies())
            text += u'\n' + describeFamily(f);
        return text;
    }
    if (family == u"scenario")
        return scenarios();
    for (const auto& f : listedFamilies()) {
        if (toQString(f.name) == family)
            return describeFamily(f);
    }
    return std::nullopt;
}

} // namespace haggle::cli
