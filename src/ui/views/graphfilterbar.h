// The deal graph's search, filters and arrangement, over its top-right corner: find an agent by id (Ctrl+F, completion
// over the ids, Enter selects and centres it), a Filters menu (recent deals only, defaults only, the selected agent's
// neighbourhood, a minimum volume, show all) and an Arrange menu (bands by role or by strategy, or by whom they deal
// with). It drives DealGraphView::findAgent(), setEdgeFilter() and arrangeBy().
#pragma once

#include <QWidget>

class QAction;
class QLineEdit;
class QStringListModel;
class QToolButton;

namespace haggle::ui {

class DealGraphView;

class GraphFilterBar : public QWidget {
    Q_OBJECT

public:
    explicit GraphFilterBar(DealGraphView* view);

    QLineEdit* searchField() const noexcept { return m_search; }
    QToolButton* filterButton() const noexcept { return m_filters; }
    QToolButton* arrangeButton() const noexcept { return m_arrange; }
    // The agents to complete: call when the graph's agents change.
    void refreshAgents();
    // Back to the view's top-right corner (call when the view resizes).
    void place();

private:
    void search();
    void applyFilters();
    void chooseMinimumVolume();
    void showAll();

    DealGraphView* m_view;
    QLineEdit* m_search;
    QStringListModel* m_ids;
    QToolButton* m_filters;
    QToolButton* m_arrange;
    QAction* m_byRole;
    QAction* m_byStrategy;
    QAction* m_byDeals;
    QAction* m_recent;
    QAction* m_defaults;
    QAction* m_neighbourhood;
    QAction* m_minimumVolume;
    double m_volume = 0.0;
};

} // namespace haggle::ui
