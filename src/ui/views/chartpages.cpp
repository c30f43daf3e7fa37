// Pages of charts (see chartpages.h).
#include "chartpages.h"

#include <QGridLayout>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace haggle::ui {

namespace {

constexpr char GridPageProperty[] = "haggleChartPage"; // a page of its own, holding several views

} // namespace

ChartPages::ChartPages(QWidget* parent)
    : QWidget(parent)
    , m_tabs(new QTabWidget(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    m_tabs->setDocumentMode(true);
    m_tabs->setTabBarAutoHide(true); // one page: no tabs
}

void ChartPages::setViews(const std::vector<QWidget*>& views, const QStringList& names)
{
    m_views = views;
    m_names = names;
    m_enlarged = nullptr;
    arrange(true);
}

void ChartPages::setOnePerPage(bool one)
{
    if (one == m_onePerPage)
        return;
    m_onePerPage = one;
    arrange();
}

void ChartPages::enlarge(QWidget* view)
{
    if (view == m_enlarged || (view && std::find(m_views.begin(), m_views.end(), view) == m_views.end()))
        return;
    QWidget* previous = m_enlarged;
    m_enlarged = view;
    arrange(true);
    // The enlarged chart, or the page the chart that was enlarged is on.
    if (const int page = pageOf(view ? view : previous); page >= 0)
        m_tabs->setCurrentIndex(page);
}

bool ChartPages::namedByTabs() const
{
    return m_perPage == 1 && m_tabs->count() > 1;
}

void ChartPages::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    arrange();
}

std::pair<int, int> ChartPages::layoutFor(QSize size) const
{
    if (m_onePerPage || m_enlarged)
        return { 1, 1 };
    const int columns = size.width() >= 2 * MinChartSize.width() ? 2 : 1;
    const int rows = std::clamp(size.height() / MinChartSize.height(), 1, 3);
    return { columns, std::min(columns * rows, 6) };
}

int ChartPages::pageOf(const QWidget* view) const
{
    for (int i = 0; view && i < m_tabs->count(); ++i) {
        const QWidget* page = m_tabs->widget(i);
        if (page == view || page->isAncestorOf(view))
            return i;
    }
    return -1;
}

void ChartPages::arrange(bool force)
{
    const auto [columns, perPage] = layoutFor(size());
    if (perPage == m_perPage && columns == m_columns && !force)
        return;
    m_perPage = perPage;
    m_columns = columns;
    // The chart first on the page shown stays in view.
    QWidget* keep = nullptr;
    for (QWidget* view : m_views)
        if (!keep && pageOf(view) == m_tabs->currentIndex())
            keep = view;
    m_tabs->blockSignals(true);
    while (m_tabs->count() > 0) {
        QWidget* page = m_tabs->widget(0);
        m_tabs->removeTab(0);
        if (page->property(GridPageProperty).toBool()) {
            for (QWidget* view : m_views)
                if (view->parentWidget() == page)
                    view->setParent(this);
            delete page;
        }
    }
    for (QWidget* view : m_views)
        view->hide();
    const auto add = [&](const std::vector<std::size_t>& onPage) {
        if (onPage.size() == 1) {
            // The tab widget shows and hides it with its page.
            QWidget* view = m_views[onPage.front()];
            view->setAttribute(Qt::WA_WState_ExplicitShowHide, false);
            m_tabs->addTab(view, m_names.value(qsizetype(onPage.front())));
            return;
        }
        auto* page = new QWidget;
        page->setProperty(GridPageProperty, true);
        auto* grid = new QGridLayout(page);
        grid->setContentsMargins(0, 0, 0, 0);
        grid->setSpacing(4);
        QStringList names;
        for (std::size_t i = 0; i < onPage.size(); ++i) {
            grid->addWidget(m_views[onPage[i]], int(i) / m_columns, int(i) % m_columns);
            m_views[onPage[i]]->show();
            names.append(m_names.value(qsizetype(onPage[i])));
        }
        m_tabs->addTab(page, names.join(QStringLiteral(" \u00b7 ")));
    };
    if (m_enlarged) {
        const auto at = std::find(m_views.begin(), m_views.end(), m_enlarged);
        add({ std::size_t(at - m_views.begin()) });
    } else {
        for (std::size_t first = 0; first < m_views.size(); first += std::size_t(perPage)) {
            std::vector<std::size_t> onPage;
            for (std::size_t i = first; i < std::min(m_views.size(), first + std::size_t(perPage)); ++i)
                onPage.push_back(i);
            add(onPage);
        }
    }
    if (const int page = pageOf(keep); page >= 0)
        m_tabs->setCurrentIndex(page);
    m_tabs->blockSignals(false);
    emit arranged();
}

} // namespace haggle::ui
