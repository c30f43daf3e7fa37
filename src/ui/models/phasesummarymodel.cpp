// The run by demand phase (see phasesummarymodel.h).
#include "phasesummarymodel.h"

#include <QStringList>

namespace haggle::ui {

namespace {

QString percent(double share)
{
    return QString::number(100.0 * share, 'f', 0) + u'%';
}

QString price(const std::optional<double>& value)
{
    return value ? QString::number(*value, 'f', 3) : QStringLiteral("-");
}

} // namespace

PhaseSummaryModel::PhaseSummaryModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

int PhaseSummaryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_totals.size());
}

int PhaseSummaryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PhaseSummaryModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (role == Qt::TextAlignmentRole)
        return index.column() == PhaseColumn ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                             : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    const lab::PhaseTotals& t = m_totals[static_cast<std::size_t>(index.row())];
    if (role == Qt::ToolTipRole) {
        return QStringLiteral("%1: %2 rounds, %3 deals out of %4 negotiations, %5 of %6 needs met")
            .arg(QString::fromStdString(t.name))
            .arg(t.rounds)
            .arg(t.deals)
            .arg(t.negotiations)
            .arg(t.needsMet)
            .arg(t.needs);
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case PhaseColumn:
        return QString::fromStdString(t.name);
    case RoundsColumn:
        return t.rounds;
    case NegotiationsColumn:
        return t.negotiations;
    case DealsColumn:
        return t.deals;
    case SuccessColumn:
        return percent(t.successRate());
    case NeedsMetColumn:
        return percent(t.needsMetShare());
    case PriceColumn:
        return price(t.meanUnitPrice());
    default:
        return {};
    }
}

QVariant PhaseSummaryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char* const names[ColumnCount]
        = { "Phase", "Rounds", "Negotiations", "Deals", "Success", "Needs met", "Mean price/unit" };
    static const char* const tips[ColumnCount]
        = { "The demand phase (normal: rounds outside every phase)", "Rounds played in this phase so far",
              "Negotiations opened in its rounds", "Deals agreed in its rounds", "Deals / negotiations over its rounds",
              "Needs met / needs over its rounds (an auction agrees every trade it makes: this is its success)",
              "Mean unit price of its deals" };
    if (section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole)
        return QString::fromLatin1(names[section]);
    if (role == Qt::ToolTipRole)
        return QString::fromLatin1(tips[section]);
    return {};
}

void PhaseSummaryModel::append(const std::vector<RoundSummary>& rounds)
{
    if (rounds.empty())
        return;
    const std::size_t before = m_totals.size();
    std::vector<lab::PhaseTotals> next = m_totals;
    lab::tallyPhases(next, rounds);
    if (next.size() > before) {
        beginInsertRows({}, static_cast<int>(before), static_cast<int>(next.size()) - 1);
        m_totals = std::move(next);
        endInsertRows();
    } else {
        m_totals = std::move(next);
    }
    if (before > 0)
        emit dataChanged(index(0, 0), index(static_cast<int>(before) - 1, ColumnCount - 1));
}

void PhaseSummaryModel::clear()
{
    beginResetModel();
    m_totals.clear();
    endResetModel();
}

QString PhaseSummaryModel::summaryLine() const
{
    QStringList parts;
    for (const lab::PhaseTotals& t : m_totals) {
        QString part = QStringLiteral("%1 %2 of %3, needs met %4")
                           .arg(QString::fromStdString(t.name), percent(t.successRate()))
                           .arg(t.negotiations)
                           .arg(percent(t.needsMetShare()));
        if (const auto mean = t.meanUnitPrice())
            part += QStringLiteral(" (%1/unit)").arg(*mean, 0, 'f', 3);
        parts.append(part);
    }
    return parts.join(QStringLiteral(" \u00b7 "));
}

} // namespace haggle::ui
