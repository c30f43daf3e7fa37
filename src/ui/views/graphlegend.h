// What the deal graph's marks mean, drawn the same on screen (a panel in the view's corner, L hides it) and in its
// exports (beside the graph, under the title): each strategy's colour, the reputation ring, node size, edge width,
// dashed edges, faded edges and what "cut off" means, with the share of reputation-aware peers it takes.
#pragma once

#include <QColor>
#include <QFont>
#include <QList>
#include <QSizeF>
#include <QString>
#include <QWidget>

#include <utility>

class QPainter;

namespace haggle::ui {

struct GraphLegendContent {
    QList<std::pair<QString, QColor>> strategies; // the strategies present, in their colours
    double cutOffShare = 0.5; // refused by at least this share of its reputation-aware peers
    // Trust is checked only by the agent asked (the prototype rules): a cut-off agent can still deal by asking.
    bool askedOnly = false;
    QList<std::pair<int, QColor>> rings; // colluding rings present (Strategy::ring()), in their outline colours
    bool whitewashers = false; // agents that may rejoin under a new identity are present
    bool coalitions = false; // coalitions are outlined (coalitiongroups.h)
};

// Lays out and paints a legend at a font; the same code for the overlay and the export.
class GraphLegendPainter {
public:
    GraphLegendPainter(const GraphLegendContent& content, const QFont& font);
    QSizeF size() const;
    void paint(QPainter* painter, QPointF topLeft) const;
    QStringList lines() const; // the text of every entry, for tests and accessibility

private:
    GraphLegendContent m_content;
    QFont m_font;
};

// The on-screen legend: a translucent panel over the view's top-left corner, ignoring clicks.
class GraphLegendOverlay : public QWidget {
    Q_OBJECT

public:
    explicit GraphLegendOverlay(QWidget* parent);
    void setContent(const GraphLegendContent& content);
    const GraphLegendContent& content() const noexcept { return m_content; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    GraphLegendContent m_content;
};

} // namespace haggle::ui
