// The inspector's list of an LLM negotiator's decisions in the round shown (llmtranscript.h): a row per decision, with
// its partner, the question, what came of it and what it cost.
#pragma once

#include "llmtranscript.h"

#include <QAbstractTableModel>

#include <vector>

namespace haggle::ui {

class LlmExchangeModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { PartnerColumn, QuestionColumn, DecisionColumn, CostColumn, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setExchanges(std::vector<LlmExchange> exchanges);
    const std::vector<LlmExchange>& exchanges() const noexcept { return m_exchanges; }

private:
    std::vector<LlmExchange> m_exchanges;
};

} // namespace haggle::ui
