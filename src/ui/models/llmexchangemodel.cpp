// The inspector's list of an LLM negotiator's decisions (see llmexchangemodel.h).
#include "llmexchangemodel.h"

#include <QBrush>
#include <QColor>

namespace haggle::ui {

int LlmExchangeModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_exchanges.size());
}

int LlmExchangeModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LlmExchangeModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const LlmExchange& e = m_exchanges[static_cast<std::size_t>(index.row())];
    if (role == Qt::ForegroundRole && index.column() == DecisionColumn && !e.answer)
        return QBrush(QColor(0xb0, 0x30, 0x30)); // decided by the fallback
    if (role == Qt::ToolTipRole)
        return llmExchangeLine(e);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case PartnerColumn:
        return e.partner.empty() ? QStringLiteral("(auction)") : QString::fromStdString(e.partner);
    case QuestionColumn: // in full in the tooltip
        return llmQuestionText(e.question, true);
    case DecisionColumn:
        return llmDecisionText(e);
    case CostColumn:
        return llmCostText(e);
    default:
        return {};
    }
}

QVariant LlmExchangeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PartnerColumn:
        return QStringLiteral("With");
    case QuestionColumn:
        return QStringLiteral("Asked for");
    case DecisionColumn:
        return QStringLiteral("Decision");
    case CostColumn:
        return QStringLiteral("Cost");
    default:
        return {};
    }
}

void LlmExchangeModel::setExchanges(std::vector<LlmExchange> exchanges)
{
    beginResetModel();
    m_exchanges = std::move(exchanges);
    endResetModel();
}

} // namespace haggle::ui
