// The compare view (see comparewindow.h).
#include "comparewindow.h"

#include "chartcatalog.h"
#include "chartfit.h"
#include "chartstyle.h"
#include "csv.h"
#include "dealgraphview.h"
#include "roundmarkers.h"
#include "rulessets.h"
#include "run.h"
#include "runviewer.h"
#include "timeline.h"

#include <QBuffer>
#include <QComboBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QRectF>
#include <QScreen>
#include <QSlider>
#include <QSplitter>
#include <QSvgGenerator>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <optional>

namespace haggle::ui {

namespace {

constexpr int RefreshMs = 500;

// The chart kinds drawn over rounds (a horizontal axis titled "Round"): those a shared round axis and cursor fit.
QStringList roundKinds()
{
    QStringList kinds;
    for (const auto& entry : charts::chartCatalog().entries()) {
        const std::unique_ptr<charts::ChartKind> chart = entry.make(Parameters(entry.info, {}));
        chart->update(charts::ChartInput {});
        RoundMarkers probe(chart->chart());
        if (probe.applies())
            kinds << charts::chartKindName(entry);
    }
    return kinds;
}

QValueAxis* valueAxis(QChart* chart, Qt::Orientation orientation, Qt::Alignment side = {})
{
    for (QAbstractAxis* axis : chart->axes(orientation)) {
        if (side && !(axis->alignment() & side))
            continue;
        if (auto* value = qobject_cast<QValueAxis*>(axis))
            return value;
    }
    return nullptr;
}

} // namespace

// One run's panel: its chart (with the cursor and the events marked) or its deal graph.
struct CompareWindow::Panel {
    QWidget* frame = nullptr;
    QLabel* title = nullptr;
    QChartView* view = nullptr;
    std::unique_ptr<charts::ChartKind> chart;
    RoundMarkers* markers = nullptr;
    DealGraphView* graph = nullptr;
    bool fitted = false; // the graph has been fitted to its panel once its nodes were all made
    // The ranges the chart chose for its own data at its last update, before the shared ones replaced them.
    QRectF own; // x: rounds, y: values; empty until the chart has axes
};

CompareWindow::CompareWindow(QWidget* parent)
    : QWidget(parent, Qt::Window)
    , m_kind(new QComboBox)
    , m_cursor(new QSlider(Qt::Horizontal))
    , m_cursorLabel(new QLabel)
    , m_grid(new QWidget)
    , m_gridLayout(new QGridLayout(m_grid))
    , m_table(new QTableWidget)
{
    setObjectName(QStringLiteral("compareWindow"));
    setWindowTitle(QStringLiteral("Compare runs"));
    setWhatsThis(QStringLiteral("Runs side by side: one chart kind for every run with the same axes, or every run's "
                                "deal graph, and one cursor (the slider: every run's views go to that round), with the "
                                "differences below. Export... writes the panels as one PNG or SVG and the table as "
                                "CSV."));
    auto* layout = new QVBoxLayout(this);
    auto* bar = new QHBoxLayout;
    auto* kindLabel = new QLabel(QStringLiteral("&Show:"));
    kindLabel->setBuddy(m_kind);
    bar->addWidget(kindLabel);
    m_kind->addItems(roundKinds());
    m_kind->insertSeparator(m_kind->count());
    m_kind->addItem(DealGraphs);
    // Reputation tells a cheater's story best; the first round chart otherwise.
    if (const int reputation = m_kind->findText(QStringLiteral("reputation")); reputation >= 0)
        m_kind->setCurrentIndex(reputation);
    m_kind->setToolTip(QStringLiteral("The chart every run shows, on shared axes, or every run's deal graph"));
    bar->addWidget(m_kind);
    bar->addSpacing(12);
    bar->addWidget(new QLabel(QStringLiteral("Cursor:")));
    m_cursor->setObjectName(QStringLiteral("compareCursor"));
    m_cursor->setToolTip(QStringLiteral("One round for every run: marked on every chart, and every run's views (deal "
                                        "graphs included) at it; leftmost: none, the runs' newest rounds"));
    m_cursor->setRange(0, 0);
    bar->addWidget(m_cursor, 1);
    m_cursorLabel->setMinimumWidth(m_cursorLabel->fontMetrics().horizontalAdvance(QStringLiteral("Round 10000")));
    bar->addWidget(m_cursorLabel);
    auto* exportButton = new QPushButton(QStringLiteral("&Export..."));
    exportButton->setToolTip(QStringLiteral("The charts as one PNG or SVG, or the table as CSV"));
    bar->addWidget(exportButton);
    layout->addLayout(bar);

    auto* split = new QSplitter(Qt::Vertical);
    m_gridLayout->setContentsMargins(0, 0, 0, 0);
    split->addWidget(m_grid);
    m_table->setObjectName(QStringLiteral("compareTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setVisible(false);
    m_table->setSortingEnabled(false);
    split->addWidget(m_table);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);

    connect(m_kind, &QComboBox::currentTextChanged, this, [this] { rebuildPanels(); });
    connect(m_cursor, &QSlider::valueChanged, this, [this](int v) { setCursorRound(v > 0 ? v : -1); });
    connect(exportButton, &QPushButton::clicked, this, &CompareWindow::exportDialog);
    // One part at a time (a run's chart or graph, or the table), all of them every RefreshMs: a 1,000-agent chart
    // takes tens of milliseconds to update, and all of them at once kept the window from its events for 75 ms.
    connect(&m_refresh, &QTimer::timeout, this, [this] {
        if (isVisible())
            refreshNextPart();
    });
    m_refresh.start(RefreshMs);
    resize(QSize(1200, 800).boundedTo(screen()->availableSize() * 0.95));
}

CompareWindow::~CompareWindow() = default;

void CompareWindow::setRuns(std::vector<Entry> runs)
{
    if (runs.size() > std::size_t(MaxRuns))
        runs.resize(std::size_t(MaxRuns));
    m_runs = std::move(runs);
    rebuildPanels();
}

QStringList CompareWindow::chartKinds() const
{
    QStringList kinds;
    for (int i = 0; i < m_kind->count(); ++i) {
        if (const QString kind = m_kind->itemText(i); !kind.isEmpty() && kind != DealGraphs) // not the separator
            kinds << kind;
    }
    return kinds;
}

void CompareWindow::setChartKind(const QString& kind)
{
    m_kind->setCurrentText(kind);
}

QString CompareWindow::chartKind() const
{
    return m_kind->currentText();
}

QChartView* CompareWindow::chartView(int i) const
{
    return i >= 0 && i < int(m_panels.size()) ? m_panels[std::size_t(i)]->view : nullptr;
}

DealGraphView* CompareWindow::dealGraph(int i) const
{
    return i >= 0 && i < int(m_panels.size()) ? m_panels[std::size_t(i)]->graph : nullptr;
}

void CompareWindow::rebuildPanels()
{
    for (auto& panel : m_panels)
        delete panel->frame;
    m_panels.clear();
    const bool graphs = showsDealGraphs();
    const charts::ChartCatalog::Entry* entry = charts::chartCatalog().find(chartKind().toStdString());
    if (!entry && !graphs)
        return;
    const int columns = m_runs.size() > 1 ? 2 : 1;
    for (std::size_t i = 0; i < m_runs.size(); ++i) {
        auto panel = std::make_unique<Panel>();
        panel->frame = new QWidget;
        auto* box = new QVBoxLayout(panel->frame);
        box->setContentsMargins(2, 2, 2, 2);
        panel->title = new QLabel(QStringLiteral("<b>%1</b>").arg(m_runs[i].name.toHtmlEscaped()));
        box->addWidget(panel->title);
        Run* run = m_runs[i].run;
        if (graphs) {
            panel->graph = new DealGraphView;
            panel->graph->setMinimumSize(320, 220);
            panel->graph->legend()->hide(); // the main window's explains the marks; L shows it here too
            if (run) {
                panel->graph->setAgents(dealGraphAgents(run->scenario()), isPrototypeRules(run->scenario().rules));
                panel->graph->setTitle(m_runs[i].name);
                // A past round arrives when the worker has replayed it: draw it then.
                connect(run, &Run::shownChanged, panel->frame, [this, i] { updateGraph(i); });
            }
            box->addWidget(panel->graph, 1);
        } else {
            panel->chart = entry->make(Parameters(entry->info, {}));
            panel->chart->setTitleMode(charts::LiveChart::Title::None);
            panel->view = new QChartView(panel->chart->release().release());
            // As the deal graph: antialiasing a large population's lines costs more than it shows.
            panel->view->setRenderHint(
                QPainter::Antialiasing, !run || run->scenario().agents.size() <= charts::style::AntialiasLimit);
            panel->view->setMinimumSize(320, 220);
            box->addWidget(panel->view, 1);
            panel->markers = new RoundMarkers(panel->view->chart(), panel->frame);
            if (run) {
                std::vector<RoundMarkers::Mark> marks;
                for (const auto& mark : TimelineStrip::marksOf(run->scenario())) {
                    if (!mark.phase)
                        marks.push_back({ mark.first, mark.last, mark.label });
                }
                panel->markers->setMarks(marks);
            }
        }
        m_gridLayout->addWidget(panel->frame, int(i) / columns, int(i) % columns);
        m_panels.push_back(std::move(panel));
    }
    // Filled before they are shown: the first fill of a thousand agents' chart, on screen, took three times as long.
    refresh();
    markCursor(m_cursor->value() > 0 ? m_cursor->value() : -1);
}

void CompareWindow::updateGraph(std::size_t i)
{
    if (i >= m_panels.size() || i >= m_runs.size() || !m_panels[i]->graph)
        return;
    Panel& panel = *m_panels[i];
    if (const Run* run = m_runs[i].run; run && run->hasStarted())
        panel.graph->updateLive(run->shown(), run->shownNetwork());
    if (!panel.fitted && panel.graph->isVisible() && !panel.graph->isBuilding()) {
        panel.graph->fitAll();
        panel.fitted = true;
    }
}

void CompareWindow::refresh()
{
    for (std::size_t i = 0; i < m_panels.size(); ++i)
        updatePanel(i);
    fillTable();
}

void CompareWindow::refreshNextPart()
{
    const std::size_t parts = m_panels.size() + 1; // the panels, then the table
    const std::size_t part = m_nextPart++ % parts;
    if (part < m_panels.size())
        updatePanel(part);
    else
        fillTable();
    m_refresh.setInterval(RefreshMs / int(parts));
}

void CompareWindow::updatePanel(std::size_t i)
{
    if (i >= m_panels.size() || i >= m_runs.size())
        return;
    Panel& panel = *m_panels[i];
    if (panel.graph) {
        updateGraph(i);
    } else if (const Run* run = m_runs[i].run) {
        panel.chart->update(run->chartData().input());
        charts::fitToSize(panel.view->chart());
        QValueAxis* x = valueAxis(panel.view->chart(), Qt::Horizontal);
        QValueAxis* y = valueAxis(panel.view->chart(), Qt::Vertical, Qt::AlignLeft);
        if (x && y)
            panel.own = QRectF(QPointF(x->min(), y->min()), QPointF(x->max(), y->max()));
        shareAxes();
        for (auto& p : m_panels) {
            if (p->markers)
                p->markers->relayout();
        }
    }
    int newest = 0;
    for (const Entry& e : m_runs)
        newest = std::max(newest, e.run ? e.run->newestRound() : 0);
    const QSignalBlocker blocker(m_cursor);
    m_cursor->setRange(0, newest);
}

void CompareWindow::shareAxes()
{
    // The same rounds and the same value range on every chart: the union of the ranges each chose for its own data
    // (not of the shared ones: a run started over would never narrow them again).
    double xMin = std::numeric_limits<double>::max(), xMax = std::numeric_limits<double>::lowest();
    double yMin = xMin, yMax = xMax;
    for (const auto& panel : m_panels) {
        if (!panel->view || panel->own.isNull())
            continue;
        xMin = std::min(xMin, panel->own.left());
        xMax = std::max(xMax, panel->own.right());
        yMin = std::min(yMin, panel->own.top());
        yMax = std::max(yMax, panel->own.bottom());
    }
    for (const auto& panel : m_panels) {
        if (!panel->view)
            continue;
        QChart* chart = panel->view->chart();
        // A round axis ticks at a step chosen for its range: a run behind the others gets the step of the shared one.
        if (QValueAxis* x = valueAxis(chart, Qt::Horizontal); x && xMax > xMin) {
            if (x->tickType() == QValueAxis::TicksDynamic)
                charts::style::setIntegerRange(x, xMin, xMax);
            else
                x->setRange(xMin, xMax);
        }
        if (QValueAxis* y = valueAxis(chart, Qt::Vertical, Qt::AlignLeft); y && yMax > yMin)
            y->setRange(yMin, yMax);
    }
}

void CompareWindow::markCursor(int round)
{
    m_cursorLabel->setText(round > 0 ? QStringLiteral("Round %1").arg(round) : QString());
    for (auto& panel : m_panels) {
        if (panel->markers)
            panel->markers->setCursor(round);
    }
}

void CompareWindow::setCursorRound(int round)
{
    markCursor(round);
    if (m_cursor->value() != std::max(round, 0)) {
        const QSignalBlocker blocker(m_cursor);
        m_cursor->setValue(std::max(round, 0));
    }
    // One cursor: every run's views go to the round (a run that has not reached it to its newest), or back to
    // following the newest round.
    for (const Entry& e : m_runs) {
        if (Run* run = e.run; run && run->hasStarted())
            run->setCursor(round > 0 ? std::min(round, run->newestRound()) : run->newestRound());
    }
}

namespace {

// What the difference table shows of one run: every agent's final net worth, then the market's figures.
struct RunFigures {
    std::vector<double> netWorth; // per agent, at the run's newest round
    double deals = 0.0;
    std::optional<double> meanPrice; // over every deal of the run's rounds
    double totalWorth = 0.0;
    double isolated = 0.0;
    std::vector<std::optional<int>> isolatedFrom; // per agent: the first round after which it was isolated
    std::vector<bool> cheaters; // per agent: played a cheater kind at some point
};

std::optional<RunFigures> figuresOf(const Run* run)
{
    if (!run || !run->hasStarted())
        return std::nullopt;
    RunFigures f;
    for (const AgentLive& a : run->latest().agents) {
        f.netWorth.push_back(a.netWorth);
        f.totalWorth += a.netWorth;
        f.deals += a.deals / 2.0; // each deal is counted by both its parties
        f.isolated += a.isolated ? 1 : 0;
    }
    const charts::ChartInput& input = run->chartData().input();
    double priced = 0.0, paid = 0.0;
    for (const RoundSummary& r : input.rounds) {
        if (r.meanUnitPrice && r.deals > 0) {
            paid += *r.meanUnitPrice * r.deals;
            priced += r.deals;
        }
    }
    if (priced > 0)
        f.meanPrice = paid / priced;
    if (input.detection) {
        f.cheaters = input.detection->cheaters;
        for (const auto& spans : input.detection->isolations)
            f.isolatedFrom.push_back(spans.empty() ? std::nullopt : std::optional<int>(spans.front().first));
    }
    return f;
}

} // namespace

void CompareWindow::fillTable()
{
    // Rows: the agents' final net worth, the market's figures, then each cheater's isolation round (a cheater in any
    // of the runs: a branch may inject one). Columns: each run, then each later run's difference from the first.
    const std::size_t runs = m_runs.size();
    QStringList headers { QStringLiteral("Agent") };
    for (const Entry& e : m_runs)
        headers << e.name;
    for (std::size_t r = 1; r < runs; ++r)
        headers << QStringLiteral("\u0394 %1").arg(m_runs[r].name); // its difference from the first run
    std::vector<std::optional<RunFigures>> figures;
    for (const Entry& e : m_runs)
        figures.push_back(figuresOf(e.run.data()));
    const Run* first = runs > 0 ? m_runs[0].run.data() : nullptr;
    const QStringList ids = first ? first->agentIds() : QStringList();

    // Each row: its label, its value in a run, its decimals, and whether a difference is better or worse (more net
    // worth is; a later isolation round or more agents isolated is neither by itself).
    struct Row {
        QString label;
        std::function<std::optional<double>(const RunFigures&)> value;
        int decimals = 2;
        bool coloured = true;
    };
    std::vector<Row> rows;
    for (int i = 0; i < ids.size(); ++i) {
        rows.push_back({ ids[i], [i](const RunFigures& f) {
                            return i < int(f.netWorth.size()) ? std::optional<double>(f.netWorth[std::size_t(i)])
                                                              : std::nullopt;
                        } });
    }
    rows.push_back({ QStringLiteral("Deals (all)"), [](const RunFigures& f) { return f.deals; }, 0 });
    rows.push_back({ QStringLiteral("Mean unit price"), [](const RunFigures& f) { return f.meanPrice; }, 3, false });
    rows.push_back({ QStringLiteral("Net worth (all)"), [](const RunFigures& f) { return f.totalWorth; } });
    rows.push_back({ QStringLiteral("Agents isolated"), [](const RunFigures& f) { return f.isolated; }, 0, false });
    for (int i = 0; i < ids.size(); ++i) {
        const bool cheater = std::any_of(figures.begin(), figures.end(),
            [i](const auto& f) { return f && i < int(f->cheaters.size()) && f->cheaters[std::size_t(i)]; });
        if (!cheater)
            continue;
        rows.push_back({ QStringLiteral("%1 isolated from round").arg(ids[i]),
            [i](const RunFigures& f) {
                return i < int(f.isolatedFrom.size()) && f.isolatedFrom[std::size_t(i)]
                    ? std::optional<double>(*f.isolatedFrom[std::size_t(i)])
                    : std::nullopt;
            },
            0, false });
    }

    // Cells are rewritten in place, and the columns sized only when the table's shape or labels change: making and
    // measuring a thousand agents' cells every refresh kept the window busy.
    const bool reshaped = m_table->columnCount() != int(headers.size()) || m_table->rowCount() != int(rows.size())
        || m_tableHeaders != headers;
    if (reshaped) {
        m_table->setColumnCount(int(headers.size()));
        m_table->setHorizontalHeaderLabels(headers);
        m_table->setRowCount(int(rows.size()));
        m_tableHeaders = headers;
    }
    const auto setCell = [this](int row, int column, const QString& text, const QColor& colour = {}) {
        QTableWidgetItem* item = m_table->item(row, column);
        if (!item) {
            item = new QTableWidgetItem;
            if (column > 0)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(row, column, item);
        }
        if (item->text() != text)
            item->setText(text);
        if (item->foreground().color() != colour && (colour.isValid() || item->foreground().style() != Qt::NoBrush))
            item->setForeground(colour.isValid() ? QBrush(colour) : QBrush());
    };
    for (int row = 0; row < int(rows.size()); ++row) {
        const Row& r = rows[std::size_t(row)];
        setCell(row, 0, r.label);
        std::vector<std::optional<double>> values;
        for (const auto& f : figures)
            values.push_back(f ? r.value(*f) : std::nullopt);
        const auto text = [&r](double v) { return QString::number(v, 'f', r.decimals); };
        for (std::size_t k = 0; k < runs; ++k)
            setCell(row, int(1 + k), values[k] ? text(*values[k]) : QString());
        for (std::size_t k = 1; k < runs; ++k) {
            const bool both = values[k] && values[0];
            const double diff = both ? *values[k] - *values[0] : 0.0;
            QColor colour; // green for more, red for less
            if (both && diff != 0.0 && r.coloured)
                colour = diff > 0 ? QColor(0x1a, 0x7f, 0x37) : QColor(0xc0, 0x1f, 0x1f);
            setCell(row, int(runs + k), both ? text(diff) : QString(), colour);
        }
    }
    if (reshaped)
        m_table->resizeColumnsToContents();
}

charts::Provenance CompareWindow::provenance() const
{
    charts::Provenance p;
    p.fields.emplace_back(QStringLiteral("Software"), QStringLiteral("Haggle " HAGGLE_VERSION));
    for (std::size_t r = 0; r < m_runs.size(); ++r) {
        const Run* run = m_runs[r].run;
        if (!run)
            continue;
        const charts::Provenance one
            = charts::Provenance::ofRun(run->scenario(), 1, run->newestRound(), QStringLiteral(HAGGLE_VERSION));
        for (std::size_t k = 1; k < one.fields.size(); ++k) // the software once
            p.fields.emplace_back(QStringLiteral("Run-%1-").arg(r + 1) + one.fields[k].first, one.fields[k].second);
        p.fields.emplace_back(QStringLiteral("Run-%1-Name").arg(r + 1), m_runs[r].name);
    }
    return p;
}

bool CompareWindow::exportPng(const QString& path, QString* error) const
{
    QImage image(m_grid->size() * 2, QImage::Format_ARGB32);
    image.setDevicePixelRatio(2.0);
    image.fill(Qt::white);
    m_grid->render(&image);
    return charts::exportImagePng(image, path, error, provenance());
}

bool CompareWindow::exportSvg(const QString& path, QString* error) const
{
    QByteArray data;
    QBuffer buffer(&data);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(m_grid->size());
    svg.setViewBox(QRect(QPoint(0, 0), m_grid->size()));
    svg.setResolution(96);
    svg.setTitle(QStringLiteral("Compare runs: %1").arg(chartKind()));
    svg.setDescription(provenance().text());
    QPainter painter(&svg);
    m_grid->render(&painter);
    painter.end();
    return charts::saveAtomically(path, data, error);
}

bool CompareWindow::exportCsv(const QString& path, QString* error) const
{
    std::vector<std::string> header;
    for (int c = 0; c < m_table->columnCount(); ++c)
        header.push_back(m_table->horizontalHeaderItem(c)->text().toStdString());
    lab::CsvWriter csv(header);
    for (int row = 0; row < m_table->rowCount(); ++row) {
        for (int c = 0; c < m_table->columnCount(); ++c) {
            // Figures as numbers (a negative difference is not a formula to guard against), the agent as text.
            const QString cell = m_table->item(row, c) ? m_table->item(row, c)->text() : QString();
            bool number = false;
            const double value = cell.toDouble(&number);
            if (c > 0 && number)
                csv.number(value);
            else
                csv.text(cell.toStdString());
        }
        csv.endRow();
    }
    return charts::saveAtomically(
        path, QByteArray::fromStdString(charts::withProvenanceHeader(csv.str(), provenance())), error);
}

void CompareWindow::exportDialog()
{
    QString filter;
    const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Export comparison"),
        QStringLiteral("compare-%1.png").arg(chartKind()),
        QStringLiteral("PNG image (*.png);;SVG drawing (*.svg);;Difference table (*.csv)"), &filter);
    if (path.isEmpty())
        return;
    QString error;
    const bool ok = path.endsWith(QStringLiteral(".svg"), Qt::CaseInsensitive) ? exportSvg(path, &error)
        : path.endsWith(QStringLiteral(".csv"), Qt::CaseInsensitive)           ? exportCsv(path, &error)
                                                                               : exportPng(path, &error);
    if (!ok)
        QMessageBox::critical(this, QStringLiteral("Export comparison"), error);
}

} // namespace haggle::ui
