// The deal graph's search and filters, over its top-right corner: find an agent by id (Ctrl+F, completion over the
// ids, Enter selects and centres it), and a Filters menu (recent deals only, defaults only, the selected agent's
// neighbourhood, a minimum volume, show all). It drives DealGraphView::findAgent() and setEdgeFilter().
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
    QAction* m_recent;
    QAction* m_defaults;
    QAction* m_neighbourhood;
    QAction* m_minimumVolume;
    double m_volume = 0.0;
};

} // namespace haggle::ui
