// The deal graph's exports (see dealgraphview.h): the scene as PNG or SVG, titled, with its legend and without the
// selection halo.
#include "dealgraphview.h"

#include "chartexport.h"
#include "graphnode.h"

#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>

#include <algorithm>

namespace haggle::ui {

QRectF DealGraphView::exportSource(QSize logicalSize) const
{
    QRectF rect = m_scene->itemsBoundingRect();
    if (rect.isEmpty())
        rect = QRectF(-50.0, -50.0, 100.0, 100.0);
    const qreal margin = std::max<qreal>(24.0, 0.04 * std::max(rect.width(), rect.height()));
    rect.adjust(-margin, -margin, margin, margin);
    if (logicalSize.isEmpty())
        return rect;
    // Widened to the export's aspect ratio: the rendering stretches the source over the whole image.
    const qreal aspect = qreal(logicalSize.width()) / qreal(logicalSize.height());
    const QPointF centre = rect.center();
    if (rect.width() / rect.height() < aspect)
        rect.setWidth(rect.height() * aspect);
    else
        rect.setHeight(rect.width() / aspect);
    rect.moveCenter(centre);
    return rect;
}

// For the length of an export: a title above the graph, the legend to its left (in the scene, so exportSource()
// takes them in), and no selection halo (a halo says what the person clicked, nothing to a reader).
class DealGraphView::ExportDressing {
public:
    explicit ExportDressing(DealGraphView& view)
        : m_view(view)
    {
        const QRectF graph = view.m_scene->itemsBoundingRect();
        QFont font = view.font();
        // Text in proportion to the graph, so it reads at the export's size whatever the scene's scale.
        font.setPointSizeF(std::max<qreal>(9.0, std::max(graph.width(), graph.height()) / 90.0));
        auto* legend = new LegendItem(GraphLegendPainter(view.m_legend->content(), font));
        legend->setPos(graph.left() - legend->boundingRect().width() - 2 * font.pointSizeF(), graph.top());
        view.m_scene->addItem(legend);
        m_items.push_back(legend);
        QFont titleFont = font;
        titleFont.setBold(true);
        titleFont.setPointSizeF(font.pointSizeF() * 1.4);
        const QString title = (view.m_title.isEmpty() ? QString() : view.m_title + QStringLiteral(": "))
            + QStringLiteral("Deal graph, round %1").arg(view.m_round);
        QGraphicsSimpleTextItem* text = view.m_scene->addSimpleText(title, titleFont);
        text->setPos(legend->pos().x(), graph.top() - text->boundingRect().height() - font.pointSizeF());
        m_items.push_back(text);
        if (view.m_selected >= 0 && std::size_t(view.m_selected) < view.m_nodes.size()) {
            m_halo = view.m_nodes[std::size_t(view.m_selected)];
            m_halo->setHighlighted(false);
        }
    }
    ~ExportDressing()
    {
        for (QGraphicsItem* item : m_items) {
            m_view.m_scene->removeItem(item);
            delete item;
        }
        if (m_halo)
            m_halo->setHighlighted(true);
    }
    ExportDressing(const ExportDressing&) = delete;
    ExportDressing& operator=(const ExportDressing&) = delete;

private:
    class LegendItem : public QGraphicsItem {
    public:
        explicit LegendItem(GraphLegendPainter legend)
            : m_legend(std::move(legend))
        {
        }
        QRectF boundingRect() const override { return QRectF(QPointF(0.0, 0.0), m_legend.size()); }
        void paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) override
        {
            m_legend.paint(painter, QPointF(0.0, 0.0));
        }

    private:
        GraphLegendPainter m_legend;
    };

    DealGraphView& m_view;
    std::vector<QGraphicsItem*> m_items;
    GraphNode* m_halo = nullptr;
};

bool DealGraphView::exportPng(
    const QString& path, QSize logicalSize, qreal scale, QString* error, const charts::Provenance& provenance)
{
    const ExportDressing dressed(*this);
    return charts::exportScenePng(*m_scene, exportSource(logicalSize), path, logicalSize, scale, error, provenance);
}

bool DealGraphView::exportSvg(
    const QString& path, QSize logicalSize, QString* error, const charts::Provenance& provenance)
{
    const ExportDressing dressed(*this);
    return charts::exportSceneSvg(*m_scene, exportSource(logicalSize), path, logicalSize, error, provenance);
}

} // namespace haggle::ui
