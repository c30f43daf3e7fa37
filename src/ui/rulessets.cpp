// The rules sets as the desktop lab shows them (see rulessets.h).
#include "rulessets.h"

#include "kinds.h"
#include "prototype/protocatalog.h"
#include "strategyregistry.h"

#include <QStringList>

namespace haggle::ui {

namespace {

// Haggle's default kind of a family first (it stands for the prototype's default), then the prototype's kinds.
std::vector<KindInfo> withHaggleDefault(const KindInfo* haggleDefault, std::vector<KindInfo> prototypeKinds)
{
    std::vector<KindInfo> kinds;
    if (haggleDefault)
        kinds.push_back(*haggleDefault);
    kinds.insert(kinds.end(), prototypeKinds.begin(), prototypeKinds.end());
    return kinds;
}

} // namespace

bool isPrototypeRules(std::string_view rules) noexcept
{
    return rules == PrototypeRules;
}

QString rulesTitle(std::string_view rules)
{
    if (rules == HaggleRules)
        return QStringLiteral("Haggle's rules");
    if (rules == PrototypeRules)
        return QStringLiteral("Prototype rules");
    return QString::fromUtf8(rules.data(), qsizetype(rules.size()));
}

QString rulesDescription(std::string_view rules)
{
    if (rules == PrototypeRules)
        return QStringLiteral("The Python prototype's market, exactly: its strategies and their quirks, one random "
                              "partner per buyer, transfer of ownership, one-sided trust checks, CPython's random "
                              "generator (docs/prototype-rules.md)");
    return QStringLiteral("Haggle's own model: its mechanisms, settlement rules, reputation models and strategies "
                          "(docs/model.md)");
}

std::vector<KindInfo> strategyKinds(std::string_view rules)
{
    return isPrototypeRules(rules) ? prototype::strategyCatalog().infos() : strategyCatalog().infos();
}

const KindInfo* findStrategyKind(std::string_view rules, std::string_view type)
{
    return isPrototypeRules(rules) ? prototype::strategyCatalog().info(type) : findStrategy(type);
}

double strategyParameterValue(std::string_view rules, const StrategySpec& spec, std::string_view name)
{
    const KindInfo* kind = findStrategyKind(rules, spec.type);
    const ParameterInfo* p = kind ? kind->param(name) : nullptr;
    if (!p)
        return 0.0;
    const auto given = spec.params.find(std::string(name));
    return given != spec.params.end() ? given->second : p->defaultValue;
}

std::vector<KindInfo> mechanismKinds(std::string_view rules)
{
    if (!isPrototypeRules(rules))
        return mechanismCatalog().infos();
    return withHaggleDefault(mechanismCatalog().info("bilateral"), prototype::mechanismCatalog().infos());
}

std::vector<KindInfo> settlementKinds(std::string_view rules)
{
    if (!isPrototypeRules(rules))
        return settlementCatalog().infos();
    return withHaggleDefault(settlementCatalog().info("lease"), prototype::settlementCatalog().infos());
}

std::vector<KindInfo> reputationKinds(std::string_view rules)
{
    if (!isPrototypeRules(rules))
        return reputationCatalog().infos();
    return withHaggleDefault(reputationCatalog().info("baseline"), prototype::reputationCatalog().infos());
}

QString issuesText(const std::vector<ScenarioIssue>& issues, int limit)
{
    QStringList lines;
    for (const auto& issue : issues) {
        if (lines.size() == limit) {
            lines.append(QStringLiteral("... and %1 more").arg(qsizetype(issues.size()) - limit));
            break;
        }
        lines.append(QString::fromStdString(issue.path) + QStringLiteral(": ") + QString::fromStdString(issue.message));
    }
    return lines.join(u'\n');
}

} // namespace haggle::ui
