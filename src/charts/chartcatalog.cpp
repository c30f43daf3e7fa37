// The chart catalog and its one registration line per built-in chart kind (see chartcatalog.h).
#include "chartcatalog.h"

#include "activitychart.h"
#include "bargainingchart.h"
#include "detectionchart.h"
#include "futureschart.h"
#include "orderbookchart.h"
#include "pricechart.h"
#include "reputationchart.h"
#include "wealthchart.h"

namespace haggle::charts {

ChartCatalog& chartCatalog()
{
    static ChartCatalog catalog = [] {
        ChartCatalog c("chart");
        registerChart<PriceConvergenceChart>(c);
        registerChart<RoundPriceChart>(c);
        registerChart<ReputationChart>(c);
        registerChart<MarketActivityChart>(c);
        registerChart<WealthChart>(c);
        registerChart<DetectionChart>(c);
        registerChart<BargainingChart>(c);
        registerChart<OrderBookChart>(c);
        registerChart<FuturesChart>(c);
        return c;
    }();
    return catalog;
}

CatalogFamily chartFamily()
{
    return { "chart", "The charts of a run, in the desktop lab's Charts panel and as NAME.png and NAME.csv in --out",
        [] { return chartCatalog().infos(); } };
}

QString chartKindName(const ChartCatalog::Entry& entry)
{
    return QString::fromUtf8(entry.info.name.data(), static_cast<qsizetype>(entry.info.name.size()));
}

} // namespace haggle::charts
