// A heatmap as a Qt chart: a unit square per cell (a QAreaSeries, so cells scale with the plot), category axes for
// the columns and rows, the value printed in each cell of a small grid, and the colour scale in the legend. See
// makeHeatmapChart() in chartbuilder.h.
#include "chartbuilder.h"

#include "chartstyle.h"
#include "extent.h"

#include <QFont>
#include <QGraphicsSimpleTextItem>
#include <QPoint>
#include <QtCharts/QAreaSeries>
#include <QtCharts/QCategoryAxis>
#include <QtCharts/QChart>
#include <QtCharts/QLegend>
#include <QtCharts/QLineSeries>
#include <QtCharts/QScatterSeries>

#include <algorithm>
#include <cmath>
#include <memory>

namespace haggle::charts {

namespace {

// A value as a cell or the legend prints it: three significant digits, so 0.8333 reads 0.833 and 1520.4 reads 1.52e+03
// only beyond four digits.
QString valueText(double value)
{
    const double magnitude = std::abs(value);
    if (magnitude >= 1000.0 && magnitude < 1e6)
        return QString::number(value, 'f', 0);
    return QString::number(value, 'g', 3);
}

// Dark text on light cells, white on dark ones (relative luminance of the cell's colour).
QColor textColorOn(const QColor& cell)
{
    const double luminance = 0.2126 * cell.redF() + 0.7152 * cell.greenF() + 0.0722 * cell.blueF();
    return luminance > 0.5 ? QColor(0x20, 0x20, 0x20) : Qt::white;
}

QCategoryAxis* categoryAxis(const QString& title, const QStringList& labels, bool reversed)
{
    auto* axis = new QCategoryAxis;
    axis->setTitleText(title);
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionCenter);
    axis->setGridLineVisible(false);
    const auto count = labels.size();
    for (qsizetype i = 0; i < count; ++i) {
        // Rows run top to bottom: the first row has the highest y.
        const QString& label = labels.at(reversed ? count - 1 - i : i);
        axis->append(label, static_cast<double>(i) + 0.5);
    }
    axis->setStartValue(-0.5);
    axis->setRange(-0.5, std::max<double>(static_cast<double>(count), 1.0) - 0.5);
    return axis;
}

struct CellLabel {
    QGraphicsSimpleTextItem* item;
    QPointF centre; // in the chart's value coordinates
};

} // namespace

QChart* makeHeatmapChart(const QString& title, const QString& xTitle, const QString& yTitle, const QStringList& columns,
    const std::vector<HeatmapRow>& rows)
{
    QChart* chart = style::newChart(QString(), title);
    const auto columnCount = columns.size();
    const auto rowCount = static_cast<qsizetype>(rows.size());

    Extent values;
    for (const auto& row : rows) {
        for (qsizetype c = 0; c < columnCount && c < static_cast<qsizetype>(row.values.size()); ++c) {
            if (std::isfinite(row.values[static_cast<std::size_t>(c)]))
                values.add(row.values[static_cast<std::size_t>(c)]);
        }
    }
    const double lo = values.isEmpty() ? 0.0 : values.lo();
    const double hi = values.isEmpty() ? 1.0 : values.hi();
    const auto position = [lo, hi](double v) { return hi > lo ? (v - lo) / (hi - lo) : 0.5; };

    QStringList rowNames;
    for (const auto& row : rows)
        rowNames.append(row.name);
    QCategoryAxis* xAxis = categoryAxis(xTitle, columns, false);
    QCategoryAxis* yAxis = categoryAxis(yTitle, rowNames, true);
    // Long column names collide horizontally; slanted labels stay readable.
    if (columnCount > 8)
        xAxis->setLabelsAngle(-40);
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);

    const bool labelled = columnCount <= HeatmapLabelledColumns && rowCount <= HeatmapLabelledRows;
    auto labels = std::make_shared<std::vector<CellLabel>>();
    QFont labelFont = chart->font();
    labelFont.setPointSizeF(std::max(7.0, labelFont.pointSizeF() * (columnCount > 12 ? 0.8 : 0.95)));
    for (qsizetype r = 0; r < rowCount; ++r) {
        const HeatmapRow& row = rows[static_cast<std::size_t>(r)];
        const double y = static_cast<double>(rowCount - 1 - r);
        for (qsizetype c = 0; c < columnCount && c < static_cast<qsizetype>(row.values.size()); ++c) {
            const double value = row.values[static_cast<std::size_t>(c)];
            if (!std::isfinite(value))
                continue;
            const double x = static_cast<double>(c);
            const QColor color = style::sequentialColor(position(value));
            QAreaSeries* cell = style::bandSeries(row.name + QStringLiteral(", ") + columns.at(c),
                { { x - 0.5, y + 0.5 }, { x + 0.5, y + 0.5 } }, { { x - 0.5, y - 0.5 }, { x + 0.5, y - 0.5 } }, color,
                style::linePen(Qt::white, 1.0));
            cell->setProperty(HeatmapValueProperty, value);
            cell->setProperty(HeatmapCellProperty, QPoint(static_cast<int>(c), static_cast<int>(r)));
            style::addSeries(chart, cell, xAxis, yAxis);
            style::hideLegendEntry(chart, cell);
            if (labelled) {
                auto* text = new QGraphicsSimpleTextItem(valueText(value), chart);
                text->setFont(labelFont);
                text->setBrush(textColorOn(color));
                text->setZValue(100.0); // over the series
                labels->push_back({ text, { x, y } });
            }
        }
    }

    // The scale: swatches from the minimum to the maximum, in the legend where every chart keeps its key.
    if (!values.isEmpty()) {
        const int steps = hi > lo ? 5 : 1;
        for (int i = 0; i < steps; ++i) {
            const double t = steps > 1 ? static_cast<double>(i) / (steps - 1) : 0.5;
            const double v = hi > lo ? lo + t * (hi - lo) : lo;
            QString name = valueText(v);
            if (steps > 1 && i == 0)
                name = QStringLiteral("min ") + name;
            else if (steps > 1 && i == steps - 1)
                name = QStringLiteral("max ") + name;
            QScatterSeries* swatch = style::scatterSeries(name, {}, style::sequentialColor(t), 12.0);
            swatch->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
            swatch->setBorderColor(style::sequentialColor(t).darker(130));
            style::addSeries(chart, swatch, xAxis, yAxis);
        }
    }

    // The labels follow the plot area: on screen as the view resizes, and in every export's own layout.
    const auto place = [chart, labels] {
        for (const CellLabel& label : *labels) {
            const QPointF at = chart->mapToPosition(label.centre);
            const QRectF box = label.item->boundingRect();
            label.item->setPos(at - QPointF(box.width() / 2.0, box.height() / 2.0));
        }
    };
    QObject::connect(chart, &QChart::plotAreaChanged, chart, place);
    place();
    return chart;
}

} // namespace haggle::charts
