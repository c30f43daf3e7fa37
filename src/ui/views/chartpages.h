// Pages of charts that read at the size they are given: as many charts share a page as each get MinChartSize (1, 2,
// 4 or 6), the rest are on further pages behind tabs; one chart can be enlarged to a page of its own. It arranges
// the views it is given and never draws them (ChartsPanel does).
#pragma once

#include <QSize>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <utility>
#include <vector>

class QTabWidget;

namespace haggle::ui {

class ChartPages : public QWidget {
    Q_OBJECT

public:
    static constexpr QSize MinChartSize { 500, 330 };

    explicit ChartPages(QWidget* parent = nullptr);

    // The views to arrange, in order, each with the name its tab shows; they become children of the pages.
    void setViews(const std::vector<QWidget*>& views, const QStringList& names);
    // One chart a page whatever the space (true), or as many as fit (false, the default).
    void setOnePerPage(bool one);
    bool isOnePerPage() const { return m_onePerPage; }
    // Shows this view alone, or with null the pages again.
    void enlarge(QWidget* view);
    QWidget* enlarged() const { return m_enlarged; }
    int perPage() const { return m_perPage; }
    // Whether each view shown is alone on a page whose tab names it (so the chart needs no title of its own).
    bool namedByTabs() const;
    QTabWidget* tabs() const { return m_tabs; }

signals:
    // The views were arranged anew (namedByTabs() may have changed).
    void arranged();

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    // Columns and charts a page for a size (columns first: 2 columns of 1 row and 1 column of 2 rows hold as many).
    std::pair<int, int> layoutFor(QSize size) const;
    void arrange(bool force = false);
    // The tab index of the page holding this view, or -1.
    int pageOf(const QWidget* view) const;

    QTabWidget* m_tabs;
    std::vector<QWidget*> m_views;
    QStringList m_names;
    bool m_onePerPage = false;
    QWidget* m_enlarged = nullptr;
    int m_perPage = 0;
    int m_columns = 0;
};

} // namespace haggle::ui
