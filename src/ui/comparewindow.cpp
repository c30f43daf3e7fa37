// The compare view (see comparewindow.h).
#include "comparewindow.h"

#include "chartcatalog.h"
#include "chartfit.h"
#include "chartstyle.h"
#include "csv.h"
#include "roundmarkers.h"
#include "run.h"
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
#include <limits>

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

struct CompareWindow::Panel {
    QWidget* frame = nullptr;
    QLabel* title = nullptr;
    QChartView* view = nullptr;
    std::unique_ptr<charts::ChartKind> chart;
    RoundMarkers* markers = nullptr;
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
    setWhatsThis(QStringLiteral("Runs side by side: one chart kind for every run with the same axes and one cursor "
                                "(the slider), and the differences by agent below. Export... writes the charts as one "
                                "PNG or SVG and the table as CSV."));
    auto* layout = new QVBoxLayout(this);
    auto* bar = new QHBoxLayout;
    auto* kindLabel = new QLabel(QStringLiteral("&Chart:"));
    kindLabel->setBuddy(m_kind);
    bar->addWidget(kindLabel);
    m_kind->addItems(roundKinds());
    // Reputation tells a cheater's story best; the first round chart otherwise.
    if (const int reputation = m_kind->findText(QStringLiteral("reputation")); reputation >= 0)
        m_kind->setCurrentIndex(reputation);
    m_kind->setToolTip(QStringLiteral("The chart every run shows, on shared axes"));
    bar->addWidget(m_kind);
    bar->addSpacing(12);
    bar->addWidget(new QLabel(QStringLiteral("Cursor:")));
    m_cursor->setObjectName(QStringLiteral("compareCursor"));
    m_cursor->setToolTip(QStringLiteral("One round marked on every chart (leftmost: none)"));
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
    m_refresh.setInterval(RefreshMs);
    connect(&m_refresh, &QTimer::timeout, this, [this] {
        if (isVisible())
            refresh();
    });
    m_refresh.start();
    resize(1200, 800);
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
    for (int i = 0; i < m_kind->count(); ++i)
        kinds << m_kind->itemText(i);
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

void CompareWindow::rebuildPanels()
{
    for (auto& panel : m_panels)
        delete panel->frame;
    m_panels.clear();
    const charts::ChartCatalog::Entry* entry = charts::chartCatalog().find(chartKind().toStdString());
    if (!entry)
        return;
    const int columns = m_runs.size() > 1 ? 2 : 1;
    for (std::size_t i = 0; i < m_runs.size(); ++i) {
        auto panel = std::make_unique<Panel>();
        panel->frame = new QWidget;
        auto* box = new QVBoxLayout(panel->frame);
        box->setContentsMargins(2, 2, 2, 2);
        panel->title = new QLabel(QStringLiteral("<b>%1</b>").arg(m_runs[i].name.toHtmlEscaped()));
        box->addWidget(panel->title);
        panel->chart = entry->make(Parameters(entry->info, {}));
        panel->chart->setTitleMode(charts::LiveChart::Title::None);
        panel->view = new QChartView(panel->chart->release().release());
        panel->view->setRenderHint(QPainter::Antialiasing);
        panel->view->setMinimumSize(320, 220);
        box->addWidget(panel->view, 1);
        panel->markers = new RoundMarkers(panel->view->chart(), panel->frame);
        if (const Run* run = m_runs[i].run) {
            std::vector<RoundMarkers::Mark> marks;
            for (const auto& mark : TimelineStrip::marksOf(run->scenario())) {
                if (!mark.phase)
                    marks.push_back({ mark.first, mark.last, mark.label });
            }
            panel->markers->setMarks(marks);
        }
        m_gridLayout->addWidget(panel->frame, int(i) / columns, int(i) % columns);
        m_panels.push_back(std::move(panel));
    }
    refresh();
}

void CompareWindow::refresh()
{
    int newest = 0;
    for (std::size_t i = 0; i < m_panels.size() && i < m_runs.size(); ++i) {
        Run* run = m_runs[i].run;
        if (!run)
            continue;
        newest = std::max(newest, run->newestRound());
        Panel& panel = *m_panels[i];
        panel.chart->update(run->chartData().input());
        charts::fitToSize(panel.view->chart());
    }
    shareAxes();
    {
        const QSignalBlocker blocker(m_cursor);
        m_cursor->setRange(0, newest);
    }
    for (auto& panel : m_panels)
        panel->markers->relayout();
    fillTable();
}

void CompareWindow::shareAxes()
{
    // The same rounds and the same value range on every chart: the union of what each shows.
    double xMin = std::numeric_limits<double>::max(), xMax = std::numeric_limits<double>::lowest();
    double yMin = xMin, yMax = xMax;
    for (const auto& panel : m_panels) {
        QChart* chart = panel->view->chart();
        if (QValueAxis* x = valueAxis(chart, Qt::Horizontal)) {
            xMin = std::min(xMin, x->min());
            xMax = std::max(xMax, x->max());
        }
        if (QValueAxis* y = valueAxis(chart, Qt::Vertical, Qt::AlignLeft)) {
            yMin = std::min(yMin, y->min());
            yMax = std::max(yMax, y->max());
        }
    }
    for (const auto& panel : m_panels) {
        QChart* chart = panel->view->chart();
        if (QValueAxis* x = valueAxis(chart, Qt::Horizontal); x && xMax > xMin)
            x->setRange(xMin, xMax);
        if (QValueAxis* y = valueAxis(chart, Qt::Vertical, Qt::AlignLeft); y && yMax > yMin)
            y->setRange(yMin, yMax);
    }
}

void CompareWindow::setCursorRound(int round)
{
    m_cursorLabel->setText(round > 0 ? QStringLiteral("Round %1").arg(round) : QString());
    for (auto& panel : m_panels)
        panel->markers->setCursor(round);
    if (round > 0 && m_cursor->value() != round) {
        const QSignalBlocker blocker(m_cursor);
        m_cursor->setValue(round);
    }
}

void CompareWindow::fillTable()
{
    // Rows: the agents' final net worth, then the market's totals. Columns: each run, then each later run's
    // difference from the first.
    const std::size_t runs = m_runs.size();
    QStringList headers { QStringLiteral("Agent") };
    for (const Entry& e : m_runs)
        headers << e.name;
    for (std::size_t r = 1; r < runs; ++r)
        headers << QStringLiteral("\u0394 %1").arg(m_runs[r].name); // its difference from the first run
    const Run* first = runs > 0 ? m_runs[0].run.data() : nullptr;
    const QStringList ids = first ? first->agentIds() : QStringList();
    const int summaryRows = 3;
    m_table->setColumnCount(int(headers.size()));
    m_table->setHorizontalHeaderLabels(headers);
    m_table->setRowCount(int(ids.size()) + summaryRows);
    const auto value = [](const Run* run, int row, int agents) -> std::optional<double> {
        if (!run || !run->hasStarted())
            return std::nullopt;
        const auto& live = run->latest().agents;
        if (row < agents)
            return row < int(live.size()) ? std::optional<double>(live[std::size_t(row)].netWorth) : std::nullopt;
        double total = 0.0;
        int deals = 0;
        int isolated = 0;
        for (const AgentLive& a : live) {
            total += a.netWorth;
            deals += a.deals;
            isolated += a.isolated ? 1 : 0;
        }
        switch (row - agents) {
        case 0:
            return deals / 2.0; // each deal is counted by both its parties
        case 1:
            return total;
        default:
            return isolated;
        }
    };
    const int agents = int(ids.size());
    for (int row = 0; row < agents + summaryRows; ++row) {
        const QString label = row < agents ? ids[row]
            : row == agents                ? QStringLiteral("Deals (all)")
            : row == agents + 1            ? QStringLiteral("Net worth (all)")
                                           : QStringLiteral("Agents isolated");
        m_table->setItem(row, 0, new QTableWidgetItem(label));
        std::vector<std::optional<double>> values;
        for (std::size_t r = 0; r < runs; ++r)
            values.push_back(value(m_runs[r].run.data(), row, agents));
        for (std::size_t r = 0; r < runs; ++r) {
            auto* item = new QTableWidgetItem(values[r] ? QString::number(*values[r], 'f', 2) : QString());
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(row, int(1 + r), item);
        }
        for (std::size_t r = 1; r < runs; ++r) {
            const bool both = values[r] && values[0];
            const double diff = both ? *values[r] - *values[0] : 0.0;
            auto* item = new QTableWidgetItem(both ? QString::number(diff, 'f', 2) : QString());
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (both && diff != 0.0)
                item->setForeground(diff > 0 ? QColor(0x1a, 0x7f, 0x37) : QColor(0xc0, 0x1f, 0x1f));
            m_table->setItem(row, int(runs + r), item);
        }
    }
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
