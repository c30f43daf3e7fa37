// A chart's data as CSV: see chartcsv.h.
#include "chartcsv.h"

#include <QtCharts/QAreaSeries>
#include <QtCharts/QBoxPlotSeries>
#include <QtCharts/QBoxSet>
#include <QtCharts/QChart>
#include <QtCharts/QLineSeries>
#include <QtCharts/QXYSeries>

#include <array>
#include <charconv>
#include <cmath>

namespace haggle::charts {

namespace {

// A text cell: neutralised against formulas, then quoted when it holds a separator, a quote or a line break.
std::string textCell(const QString& text)
{
    std::string cell;
    const QByteArray utf8 = text.toUtf8();
    if (!utf8.isEmpty()) {
        const char first = utf8.front();
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r')
            cell += '\'';
    }
    cell.append(utf8.constData(), static_cast<std::size_t>(utf8.size()));
    if (cell.find_first_of(",\"\n\r") == std::string::npos)
        return cell;
    std::string quoted = "\"";
    for (const char c : cell) {
        if (c == '"')
            quoted += '"';
        quoted += c;
    }
    return quoted + '"';
}

std::string numberCell(double value)
{
    if (!std::isfinite(value))
        return {};
    std::array<char, 32> buffer {};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    return std::string(buffer.data(), result.ptr);
}

class CsvTable {
public:
    void row(std::initializer_list<std::string> cells)
    {
        bool first = true;
        for (const std::string& cell : cells) {
            if (!first)
                m_out += ',';
            m_out += cell;
            first = false;
        }
        m_out += '\n';
    }
    void points(const QString& name, const QXYSeries* series)
    {
        if (!series)
            return;
        const std::string cell = textCell(name);
        const QList<QPointF> points = series->points();
        for (const QPointF& p : points)
            row({ cell, numberCell(p.x()), numberCell(p.y()) });
    }
    std::string take() { return std::move(m_out); }

private:
    std::string m_out;
};

constexpr std::array<std::pair<QBoxSet::ValuePositions, const char*>, 5> BoxValues = { {
    { QBoxSet::LowerExtreme, "low" },
    { QBoxSet::LowerQuartile, "q1" },
    { QBoxSet::Median, "median" },
    { QBoxSet::UpperQuartile, "q3" },
    { QBoxSet::UpperExtreme, "high" },
} };

} // namespace

std::string chartDataCsv(QChart* chart)
{
    if (!chart)
        return {};
    const QList<QAbstractSeries*> all = chart->series();
    bool boxesOnly = !all.isEmpty();
    for (const QAbstractSeries* series : all)
        boxesOnly = boxesOnly && qobject_cast<const QBoxPlotSeries*>(series);

    CsvTable csv;
    if (boxesOnly) {
        csv.row({ "name", "low", "q1", "median", "q3", "high" });
        for (QAbstractSeries* series : all) {
            const QList<QBoxSet*> sets = static_cast<QBoxPlotSeries*>(series)->boxSets();
            for (const QBoxSet* set : sets)
                csv.row({ textCell(set->label()), numberCell(set->at(QBoxSet::LowerExtreme)),
                    numberCell(set->at(QBoxSet::LowerQuartile)), numberCell(set->at(QBoxSet::Median)),
                    numberCell(set->at(QBoxSet::UpperQuartile)), numberCell(set->at(QBoxSet::UpperExtreme)) });
        }
        return csv.take();
    }

    csv.row({ "series", "x", "y" });
    for (QAbstractSeries* series : all) {
        if (auto* area = qobject_cast<QAreaSeries*>(series)) {
            csv.points(area->name() % QStringLiteral(" (upper)"), area->upperSeries());
            csv.points(area->name() % QStringLiteral(" (lower)"), area->lowerSeries());
        } else if (auto* xy = qobject_cast<QXYSeries*>(series)) {
            csv.points(xy->name(), xy);
        } else if (auto* boxes = qobject_cast<QBoxPlotSeries*>(series)) {
            const QList<QBoxSet*> sets = boxes->boxSets();
            for (qsizetype i = 0; i < sets.size(); ++i)
                for (const auto& [position, label] : BoxValues)
                    csv.row({ textCell(
                                  sets.at(i)->label() % QStringLiteral(" (") % QLatin1String(label) % QLatin1Char(')')),
                        numberCell(static_cast<double>(i)), numberCell(sets.at(i)->at(position)) });
        }
    }
    return csv.take();
}

} // namespace haggle::charts
